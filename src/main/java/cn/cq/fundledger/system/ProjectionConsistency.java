package cn.cq.fundledger.system;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for queries. Projections are built by streaming processors, a moment after the
 * events are stored; before a query reads them it waits (up to {@code fundledger.consistency.wait}) until
 * every processor has handled every event stored when the query arrived. A user thus always sees the
 * facts recorded before their question, and the answer says whether it is complete.
 *
 * <p>A read may name the processors whose tables it reads; it then waits for those only. A processor that is
 * halted on an event ({@link Halts}) will not get there by waiting: the wait ends as soon as it retries the same
 * event, and says which processors are halted.
 */
@Component
public class ProjectionConsistency {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectionConsistency.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Halts halts;
    private final Duration wait;

    public ProjectionConsistency(EventProcessingConfiguration processing, EventStore eventStore, Halts halts,
                                 @Value("${fundledger.consistency.wait:5s}") Duration wait) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.halts = halts;
        this.wait = wait;
    }

    /**
     * How a wait ended: whether the processors took in every event up to the position, and the halts in force
     * of those processors when it did not (empty when they merely lag).
     */
    public record Wait(boolean complete, List<Halts.Halt> halted) {
    }

    public Duration defaultWait() {
        return wait;
    }

    /** The position of the newest stored event, or -1 when the store is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public boolean awaitPosition(long position, Duration timeout) {
        return await(Set.of(), position, timeout).complete();
    }

    /**
     * Waits until the given processors (every processor when empty) have taken in every event up to
     * {@code position}, at most {@code timeout}, and no longer once one of those still behind is retrying an event
     * it failed on: then the answer names the halts of the processors behind.
     */
    public Wait await(Collection<String> processors, long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> behind;
        while (!(behind = behind(processors, position)).isEmpty()) {
            List<Halts.Halt> halted = halts(behind);
            if (halted.stream().anyMatch(Halts.Halt::retrying)) {
                log.debug("Projections cannot reach event {}: halted on {}", position, halted.stream()
                        .map(h -> h.processor() + " event " + h.eventPosition()).toList());
                return new Wait(false, halted);
            }
            if (System.nanoTime() > deadline) {
                log.warn("Projections have not reached event {} within {}: {}", position, timeout, positions());
                return new Wait(false, halted);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        return new Wait(true, List.of());
    }

    /**
     * The halts in force of the given processors (every processor when empty). A halt ends when its segment
     * commits past the event at fault ({@link HaltWatch}), or here, once the segment runs again and stands at the
     * head of the store: the event was then taken in or removed, and nothing is left to fail on.
     */
    public List<Halts.Halt> halts(Collection<String> processors) {
        List<Halts.Halt> current = halts.current(processors);
        if (current.isEmpty()) {
            return current;
        }
        long head = head();
        Map<String, EventProcessor> all = processing.eventProcessors();
        for (Halts.Halt halt : current) {
            if (all.get(halt.processor()) instanceof StreamingEventProcessor processor) {
                EventTrackerStatus status = processor.processingStatus().get(halt.segment());
                if (status != null && !status.isErrorState() && status.getCurrentPosition().isPresent()) {
                    halts.caughtUp(halt.processor(), halt.segment(), status.getCurrentPosition().getAsLong(), head);
                }
            }
        }
        return halts.current(processors);
    }

    /** Whether any projection is being rebuilt from the start of the history. */
    public boolean replaying() {
        return replaying(Set.of());
    }

    /** Whether any of the given projections (every one when empty) is being rebuilt from the start. */
    public boolean replaying(Collection<String> processors) {
        return streamingProcessors(processors).anyMatch(StreamingEventProcessor::isReplaying);
    }

    private String positions() {
        StringBuilder text = new StringBuilder();
        streamingProcessors().forEach(p -> text.append(p.getName()).append('=').append(p.processingStatus().values()
                .stream().map(s -> s.getSegment().getSegmentId() + ":" + s.getCurrentPosition()
                        + (s.isErrorState() ? " error " + s.getError() : "")).toList()).append(' '));
        return text.toString();
    }

    /** The names of the given processors that have not taken in every event up to {@code position}. */
    private List<String> behind(Collection<String> processors, long position) {
        if (position < 0) {
            return List.of();
        }
        return streamingProcessors(processors).filter(p -> {
            Map<Integer, EventTrackerStatus> status = p.processingStatus();
            if (status.isEmpty()) {
                return true;
            }
            return !status.values().stream().allMatch(s -> {
                OptionalLong at = s.getCurrentPosition();
                return at.isPresent() && at.getAsLong() >= position;
            });
        }).map(StreamingEventProcessor::getName).toList();
    }

    private java.util.stream.Stream<StreamingEventProcessor> streamingProcessors() {
        return streamingProcessors(Set.of());
    }

    private java.util.stream.Stream<StreamingEventProcessor> streamingProcessors(Collection<String> names) {
        Map<String, EventProcessor> processors = processing.eventProcessors();
        return processors.values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(p -> names.isEmpty() || names.contains(p.getName()));
    }
}
