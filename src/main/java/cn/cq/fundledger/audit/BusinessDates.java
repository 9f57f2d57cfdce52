package cn.cq.fundledger.audit;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The business date of an event (the day it happened in the real world), by the naming convention of the
 * ledger's event records: the last date component named {@code ...On} ({@code issuedOn}, {@code declaredOn},
 * {@code exitedOn}), else {@code effectiveFrom}, else the first date component.
 */
public final class BusinessDates {

    private static final Map<Class<?>, RecordComponent> COMPONENTS = new ConcurrentHashMap<>();

    private BusinessDates() {
    }

    public static LocalDate of(Object payload) {
        if (payload == null || !payload.getClass().isRecord()) {
            return null;
        }
        RecordComponent component = COMPONENTS.computeIfAbsent(payload.getClass(), BusinessDates::choose);
        if (component == null) {
            return null;
        }
        try {
            return (LocalDate) component.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + payload.getClass(), e);
        }
    }

    private static RecordComponent choose(Class<?> type) {
        RecordComponent lastOn = null;
        RecordComponent effectiveFrom = null;
        RecordComponent first = null;
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType() != LocalDate.class) {
                continue;
            }
            if (first == null) {
                first = component;
            }
            if (component.getName().endsWith("On")) {
                lastOn = component;
            }
            if (component.getName().equals("effectiveFrom")) {
                effectiveFrom = component;
            }
        }
        return lastOn != null ? lastOn : effectiveFrom != null ? effectiveFrom : first;
    }
}
