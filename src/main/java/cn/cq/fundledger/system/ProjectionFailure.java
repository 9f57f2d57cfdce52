package cn.cq.fundledger.system;

import org.axonframework.eventhandling.EventMessage;

/**
 * A projection could not take in an event: names the event (global position, identifier, type) and carries the
 * cause. Thrown by the processors' {@link HaltWatch} around a failing handler and by {@link ProjectionWriter} when
 * a row of a batch is refused by the database, so the event at fault is known even when it fails at commit.
 */
public class ProjectionFailure extends RuntimeException {

    private final transient Halts.FailingEvent event;

    public ProjectionFailure(Halts.FailingEvent event, Throwable cause) {
        super("event " + event.position() + " (" + event.eventType() + " " + event.eventId()
                + ") could not be taken in: " + Halts.describe(cause), cause);
        this.event = event;
    }

    public static ProjectionFailure of(EventMessage<?> message, Throwable cause) {
        return new ProjectionFailure(eventOf(message), cause);
    }

    public Halts.FailingEvent event() {
        return event;
    }

    static Halts.FailingEvent eventOf(EventMessage<?> message) {
        long position = ProjectionRows.position(message);
        return new Halts.FailingEvent(position < 0 ? null : position, message.getIdentifier(),
                message.getPayloadType().getSimpleName());
    }
}
