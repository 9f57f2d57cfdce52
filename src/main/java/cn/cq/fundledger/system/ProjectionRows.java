package cn.cq.fundledger.system;

import java.sql.Date;
import java.time.LocalDate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/** What every projection row takes from its event: the event's position in the store, and SQL dates. */
public final class ProjectionRows {

    private ProjectionRows() {
    }

    /** The event's global position in the event store, or -1 when it was not read from the store. */
    public static long position(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1);
        }
        return -1;
    }

    public static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
