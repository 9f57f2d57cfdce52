package cn.cq.fundledger.system;

import java.time.Duration;
import java.util.Map;
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
 */
@Component
public class ProjectionConsistency {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectionConsistency.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Duration wait;

    public ProjectionConsistency(EventProcessingConfiguration processing, EventStore eventStore,
                                 @Value("${fundledger.consistency.wait:5s}") Duration wait) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.wait = wait;
    }

    public Duration defaultWait() {
        return wait;
    }

    /** The position of the newest stored event, or -1 when the store is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * Waits until the projections include every event stored now.
     *
     * @return whether they do (false when the wait ran out: the caller should say the figures lag)
     */
    public boolean awaitCurrent() {
        return awaitPosition(head(), wait);
    }

    public boolean awaitPosition(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allAt(position)) {
            if (System.nanoTime() > deadline) {
                log.warn("Projections have not reached event {} within {}: {}", position, timeout, positions());
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        return true;
    }

    /** Whether any projection is being rebuilt from the start of the history. */
    public boolean replaying() {
        return streamingProcessors().anyMatch(StreamingEventProcessor::isReplaying);
    }

    private String positions() {
        StringBuilder text = new StringBuilder();
        streamingProcessors().forEach(p -> text.append(p.getName()).append('=').append(p.processingStatus().values()
                .stream().map(s -> s.getSegment().getSegmentId() + ":" + s.getCurrentPosition()
                        + (s.isErrorState() ? " error " + s.getError() : "")).toList()).append(' '));
        return text.toString();
    }

    private boolean allAt(long position) {
        if (position < 0) {
            return true;
        }
        return streamingProcessors().allMatch(p -> {
            Map<Integer, EventTrackerStatus> status = p.processingStatus();
            if (status.isEmpty()) {
                return false;
            }
            return status.values().stream().allMatch(s -> {
                OptionalLong at = s.getCurrentPosition();
                return at.isPresent() && at.getAsLong() >= position;
            });
        });
    }

    private java.util.stream.Stream<StreamingEventProcessor> streamingProcessors() {
        Map<String, EventProcessor> processors = processing.eventProcessors();
        return processors.values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast);
    }
}
