package cn.cq.fundledger.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads every program's aggregate into its {@link ProgramCache} as soon as the ledger has started, so that the
 * first command after a start does not wait seconds while its program is rebuilt from its events. It runs in the
 * background: queries are answered meanwhile, and a command that arrives first waits for the program's lock and
 * then finds it loaded (the load happens once either way). It never overlaps an import ({@link WriteGate}).
 *
 * <p>As the health indicator {@code programs} it is {@code OUT_OF_SERVICE} while it loads, so that a load
 * balancer sends commands to a node only once its programs are in memory; {@code UP} after, with each program's
 * load time, also when a program could not be loaded (its first command then loads it, as before).
 */
@Component("programs")
public class ProgramWarmUp implements HealthIndicator {

    /** A program to keep warm: its aggregate class and its one identifier. */
    public record Program(Class<?> aggregate, String id) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProgramWarmUp.class);

    private final List<Program> programs;
    private final org.axonframework.config.Configuration axon;
    private final WriteGate gate;
    private final Map<String, String> loaded = new LinkedHashMap<>();
    private volatile boolean loading = true;

    public ProgramWarmUp(List<Program> programs, org.axonframework.config.Configuration axon, WriteGate gate) {
        this.programs = programs;
        this.axon = axon;
        this.gate = gate;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        Thread thread = new Thread(this::loadAll, "program-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void loadAll() {
        try {
            for (Program program : programs) {
                long started = System.nanoTime();
                String outcome;
                try {
                    outcome = gate.shared(Duration.ofHours(1), () -> load(program));
                } catch (RuntimeException e) {
                    log.warn("Could not load program {} ahead of its first command: {}", program.id(), e.toString());
                    outcome = "not loaded: " + e.getMessage();
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                synchronized (loaded) {
                    loaded.put(program.id(), outcome.equals("loaded") ? millis + " ms" : outcome);
                }
                log.info("Program {} {} in {} ms", program.id(), outcome, millis);
            }
        } finally {
            loading = false;
        }
    }

    private String load(Program program) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            axon.repository(program.aggregate()).load(program.id());
            unitOfWork.commit(); // a loaded aggregate enters its cache when the unit of work commits
            return "loaded";
        } catch (AggregateNotFoundException notOpened) {
            unitOfWork.rollback(notOpened);
            return "not opened yet";
        } catch (RuntimeException | Error e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }

    /** Whether every program has been loaded (or found not opened, or failed to load). */
    public boolean done() {
        return !loading;
    }

    @Override
    public Health health() {
        Map<String, String> details;
        synchronized (loaded) {
            details = new LinkedHashMap<>(loaded);
        }
        return (loading ? Health.outOfService() : Health.up()).withDetails(details).build();
    }
}
