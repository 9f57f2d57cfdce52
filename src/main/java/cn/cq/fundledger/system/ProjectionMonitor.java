package cn.cq.fundledger.system;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Where every projection stands: each processor's segments with their positions, the head of the event store,
 * the lag, whether it replays, whether it is halted and its latest error. Read by the health check
 * ({@link ProjectionsHealthIndicator}) and by auditors ({@code GET /api/audit/processors}).
 *
 * <p>A segment that waits to retry a failed batch is claimed by nobody and Axon reports nothing of it; its
 * position is then the last one known on this node ({@link Halts}: where it stood when its batch failed, or
 * committed since), and {@code claimed} is false.
 */
@Component
public class ProjectionMonitor {

    private final EventProcessingConfiguration processing;
    private final ProjectionConsistency consistency;
    private final Halts halts;

    public ProjectionMonitor(EventProcessingConfiguration processing, ProjectionConsistency consistency, Halts halts) {
        this.processing = processing;
        this.consistency = consistency;
        this.halts = halts;
    }

    /** Every processor, by name, against the event store's head. */
    public record Overview(long head, boolean halted, List<Processor> processors) {
    }

    /**
     * One processor: {@code position} is the lowest of its segments' (null when none is known), {@code lag} the
     * events stored after it; {@code lastError} its latest failure, in force ({@code resolvedAt} null) or resolved.
     */
    public record Processor(String processor, boolean running, boolean replaying, boolean halted, Long position,
                            Long lag, List<Segment> segments, LastError lastError) {
    }

    /** One segment: {@code error} is the message of the failure it is halted on, null when it runs. */
    public record Segment(int segment, Long position, Long lag, boolean claimed, boolean caughtUp,
                          boolean replaying, boolean errorState, String error, Instant since) {
    }

    /** A failure: the error, the event at fault, when first and last seen, how many batches failed on it. */
    public record LastError(int segment, String message, Long eventPosition, String eventId, String eventType,
                            Instant firstSeen, Instant lastSeen, int attempts, Instant resolvedAt) {

        static LastError of(Halts.Halt halt) {
            return new LastError(halt.segment(), halt.message(), halt.eventPosition(), halt.eventId(), halt.eventType(),
                    halt.firstSeen(), halt.lastSeen(), halt.attempts(), halt.resolvedAt());
        }
    }

    public Overview overview() {
        consistency.halts(Set.of());
        long head = consistency.head();
        Map<String, EventProcessor> all = processing.eventProcessors();
        List<Processor> processors = all.values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).map(p -> processor(p, head))
                .sorted(Comparator.comparing(Processor::processor)).toList();
        return new Overview(head, processors.stream().anyMatch(Processor::halted), processors);
    }

    private Processor processor(StreamingEventProcessor processor, long head) {
        String name = processor.getName();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        TreeSet<Integer> ids = new TreeSet<>(status.keySet());
        ids.addAll(halts.segmentsOf(name));
        List<Segment> segments = new ArrayList<>();
        for (int id : ids) {
            segments.add(segment(name, id, status.get(id), head));
        }
        Long position = segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null) ? null
                : segments.stream().mapToLong(Segment::position).min().orElseThrow();
        boolean halted = segments.stream().anyMatch(Segment::errorState);
        LastError lastError = halts.latest(name).map(LastError::of).orElse(null);
        return new Processor(name, processor.isRunning(), processor.isReplaying(), halted, position,
                lag(head, position), segments, lastError);
    }

    private Segment segment(String processor, int id, EventTrackerStatus status, long head) {
        Halts.Halt halt = halts.of(processor, id).filter(Halts.Halt::current).orElse(null);
        Long position;
        if (status != null && status.getCurrentPosition().isPresent()) {
            position = status.getCurrentPosition().getAsLong();
        } else {
            OptionalLong known = halts.position(processor, id);
            position = known.isPresent() ? known.getAsLong() : null;
        }
        boolean errorState = halt != null || (status != null && status.isErrorState());
        String error = halt != null ? halt.message()
                : status != null && status.isErrorState() ? Halts.describe(status.getError()) : null;
        return new Segment(id, position, lag(head, position), status != null,
                status != null && status.isCaughtUp(), status != null && status.isReplaying(), errorState, error,
                halt == null ? null : halt.firstSeen());
    }

    private static Long lag(long head, Long position) {
        return position == null ? null : Math.max(0, head - position);
    }
}
