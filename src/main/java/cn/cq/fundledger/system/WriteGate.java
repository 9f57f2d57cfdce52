package cn.cq.fundledger.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Keeps an import whole: while an import runs (it writes its rows in chunks inside one database
 * transaction, see {@code importer.Importer}), no single command may touch a program between two chunks,
 * since it would build on facts that the import may still roll back. Single commands share the gate (they
 * run side by side, each program's own lock orders them); an import holds it alone, from its first row to
 * its commit or rollback, and commands sent meanwhile wait for it ({@code fundledger.writes.wait}, then 503).
 */
@Component
public class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Duration wait;

    public WriteGate(@Value("${fundledger.writes.wait:2m}") Duration wait) {
        this.wait = wait;
    }

    /** A command or import could not get its turn in time: another import is still being applied. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    /** Runs an import alone; waits for running commands (and another import) for up to {@code timeout}. */
    public <T> T exclusively(Duration timeout, java.util.function.Supplier<T> work) {
        return holding(lock.writeLock(), timeout, "another import is being applied", work);
    }

    /** Runs work that must not overlap an import (it reads what an import may roll back) beside other commands. */
    public <T> T shared(Duration timeout, java.util.function.Supplier<T> work) {
        return holding(lock.readLock(), timeout, "an import is being applied", work);
    }

    private static <T> T holding(java.util.concurrent.locks.Lock turn, Duration timeout, String why,
                                 java.util.function.Supplier<T> work) {
        acquire(turn::tryLock, timeout, why);
        try {
            return work.get();
        } finally {
            turn.unlock();
        }
    }

    private static void acquire(TryLock tryLock, Duration timeout, String why) {
        try {
            if (!tryLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy(why + "; nothing was recorded, send it again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for an import to finish; nothing was recorded");
        }
    }

    private interface TryLock {
        boolean tryLock(long time, TimeUnit unit) throws InterruptedException;
    }

    /** Every command takes a shared turn until its unit of work is cleaned up (after commit or rollback). */
    MessageHandlerInterceptor<CommandMessage<?>> commandInterceptor() {
        return (unitOfWork, chain) -> {
            ReentrantReadWriteLock.ReadLock read = lock.readLock();
            acquire(read::tryLock, wait, "an import is being applied");
            unitOfWork.onCleanup(u -> read.unlock());
            return chain.proceed();
        };
    }

    @org.springframework.context.annotation.Configuration
    static class Registration {
        @Bean
        SmartInitializingSingleton writeGateOnCommandBus(org.springframework.beans.factory.ObjectProvider<CommandBus> bus,
                                                         WriteGate gate) {
            return () -> bus.getObject().registerHandlerInterceptor(gate.commandInterceptor());
        }
    }
}
