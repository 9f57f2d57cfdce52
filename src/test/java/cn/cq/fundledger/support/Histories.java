package cn.cq.fundledger.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds the given-history of an aggregate fixture test from events and lists of events. */
public final class Histories {

    private Histories() {
    }

    /** Concatenates events and lists of events into one history for {@code given(List)}. */
    public static List<Object> history(Object... parts) {
        List<Object> events = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Collection<?> many) {
                events.addAll(many);
            } else {
                events.add(part);
            }
        }
        return events;
    }
}
