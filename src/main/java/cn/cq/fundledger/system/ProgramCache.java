package cn.cq.fundledger.system;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import java.util.Collection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Keeps a program's aggregate in memory for as long as the ledger runs (each program is one aggregate, see
 * decision 2). Axon's {@code WeakReferenceCache} lets the garbage collector drop it at any collection, after
 * which the next command rebuilds the program from its whole history; under a busy heap (an import of a
 * million rows) that turned every chunk into a rebuild. The state is needed anyway, so it is held strongly;
 * Axon still removes an entry whenever a unit of work that touched it rolls back (except after a refusal that
 * applied nothing, see {@link #remove}), and an import that rolls back clears the cache.
 */
public final class ProgramCache implements Cache {

    private final ConcurrentMap<Object, Object> entries = new ConcurrentHashMap<>();
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean absent = entries.putIfAbsent(key, value) == null;
        if (absent) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return absent;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> {
            T value = valueSupplier.get();
            if (value == null) {
                throw new IllegalArgumentException("no value for key [" + key + "]");
            }
            listeners.forEach(l -> l.onEntryCreated(key, value));
            return value;
        });
    }

    /**
     * Drops a program's state, unless the removal is Axon's reaction to a command the rules refused before it
     * applied any event: Axon drops a cached aggregate whenever a unit of work that loaded it rolls back, since
     * the handler may have changed its state in memory; but a refusal ({@link RuleViolation},
     * {@link Input.InvalidInput}) thrown before any event was applied changed nothing, and dropping the state made
     * the next command rebuild the program from its whole history (55,000 events: 1.7 s after every refused
     * command; 35 s for an import with 20 refused rows). Any event applied in the unit of work (staged in its
     * resources) lets the removal through.
     */
    @Override
    public boolean remove(Object key) {
        if (refusedWithoutChange()) {
            return false;
        }
        return evict(key);
    }

    static boolean refusedWithoutChange() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.phase() != UnitOfWork.Phase.ROLLBACK || unitOfWork.getExecutionResult() == null
                || !unitOfWork.getExecutionResult().isExceptionResult()) {
            return false;
        }
        if (!isRefusal(unitOfWork.getExecutionResult().getExceptionResult())) {
            return false;
        }
        for (Object resource : unitOfWork.resources().values()) {
            if (resource instanceof Collection<?> staged && staged.stream().anyMatch(e -> e instanceof EventMessage)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRefusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleViolation || t instanceof Input.InvalidInput) {
                return true;
            }
        }
        return false;
    }

    private boolean evict(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::evict);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
