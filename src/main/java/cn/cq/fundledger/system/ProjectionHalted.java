package cn.cq.fundledger.system;

import java.util.List;

/**
 * A read cannot be answered: a projection it reads is halted on an event it cannot take in, so its figures would
 * be stale. Answered 503 (see {@link ProblemHandler}) naming the processor and the event.
 */
public class ProjectionHalted extends RuntimeException {

    private final transient List<Halts.Halt> halts;
    private final long position;

    /**
     * @param halts    the halts in force (at least one)
     * @param position the newest event the read wanted taken in
     */
    public ProjectionHalted(List<Halts.Halt> halts, long position) {
        super(sentence(halts.get(0)));
        this.halts = List.copyOf(halts);
        this.position = position;
    }

    public List<Halts.Halt> halts() {
        return halts;
    }

    public long position() {
        return position;
    }

    static String sentence(Halts.Halt halt) {
        return "The " + halt.processor() + " projection is halted: it cannot take in event " + halt.eventPosition()
                + " (" + halt.eventType() + " " + halt.eventId() + "): " + halt.message() + ". It has failed "
                + (halt.attempts() == 1 ? "once" : halt.attempts() + " times") + " since " + halt.firstSeen()
                + " and retries by itself; its figures are not answered until it has taken the event in "
                + "(GET /api/audit/processors).";
    }
}
