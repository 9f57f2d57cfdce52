package cn.cq.fundledger.audit;

import cn.cq.fundledger.system.Halts;
import cn.cq.fundledger.system.ProjectionConsistency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every projection from the event store: each streaming processor is stopped, its token reset to
 * the start of the history (its reset handler empties its tables) and started again. The ledger keeps
 * answering queries meanwhile, saying {@code X-Ledger-Rebuilding: true}. Progress (events done of total,
 * rate, time left) is available from {@link #progress()}, in the log every few seconds and as metrics
 * ({@code fundledger.replay.done}, {@code fundledger.replay.total}).
 */
@Component
public class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionConsistency consistency;
    private final Clock clock;
    private final Halts halts;
    private final AtomicReference<Run> current = new AtomicReference<>();

    public Replay(EventProcessingConfiguration processing, ProjectionConsistency consistency, Clock clock,
                  MeterRegistry metrics, Halts halts) {
        this.processing = processing;
        this.consistency = consistency;
        this.clock = clock;
        this.halts = halts;
        Gauge.builder("fundledger.replay.done", this, r -> r.progress().done()).register(metrics);
        Gauge.builder("fundledger.replay.total", this, r -> r.progress().total()).register(metrics);
    }

    private record Run(Instant startedAt, long head, String requestedBy) {
    }

    /** Where a replay stands; {@code replaying} false when none runs (then the figures of the last one). */
    public record Progress(boolean replaying, String requestedBy, Instant startedAt, long done, long total,
                           long eventsPerSecond, Long secondsLeft, List<ProcessorProgress> processors) {
    }

    public record ProcessorProgress(String processor, boolean replaying, long position) {
    }

    /** Starts rebuilding every projection; answers at once with the progress. */
    public synchronized Progress start(String requestedBy) {
        long head = consistency.head();
        // stop them all (at once), then reset them all, then start them all: progress counts from one common start
        List<StreamingEventProcessor> processors = processors();
        java.util.concurrent.CompletableFuture.allOf(processors.stream().map(StreamingEventProcessor::shutdownAsync)
                .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        try {
            processors.forEach(StreamingEventProcessor::resetTokens);
            // a halt is judged again from the first event: the processor meets the failing event anew, or not
            processors.forEach(p -> halts.forget(p.getName()));
            current.set(new Run(clock.instant(), head, requestedBy));
        } finally {
            // whatever happened, the projections keep being built (from where each one's token now stands)
            processors.forEach(StreamingEventProcessor::start);
        }
        log.info("Replay of {} events requested by {}: every projection is being rebuilt", head + 1, requestedBy);
        return progress();
    }

    /** Waits until the replay has taken in every event stored when it started. */
    public boolean awaitDone(Duration timeout) {
        Run run = current.get();
        return run == null || consistency.awaitPosition(run.head(), timeout);
    }

    public Progress progress() {
        Run run = current.get();
        List<ProcessorProgress> each = new ArrayList<>();
        long done = Long.MAX_VALUE;
        for (StreamingEventProcessor processor : processors()) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            long position = status.values().stream().map(EventTrackerStatus::getCurrentPosition)
                    .mapToLong(p -> p.isPresent() ? p.getAsLong() : -1).min().orElse(-1);
            boolean processorReplaying = processor.isReplaying();
            each.add(new ProcessorProgress(processor.getName(), processorReplaying, position));
            done = Math.min(done, position + 1);
        }
        each.sort(Comparator.comparing(ProcessorProgress::processor));
        if (run == null) {
            return new Progress(false, null, null, 0, 0, 0, null, each);
        }
        long total = run.head() + 1;
        done = Math.max(0, Math.min(done == Long.MAX_VALUE ? 0 : done, total));
        long seconds = Math.max(1, Duration.between(run.startedAt(), clock.instant()).toSeconds());
        long rate = done / seconds;
        Long left = rate == 0 ? null : (total - done) / rate;
        // still replaying until every processor has taken in every event stored when the replay started
        return new Progress(done < total, run.requestedBy(), run.startedAt(), done, total, rate, left, each);
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    public void logProgress() {
        Progress progress = progress();
        if (progress.replaying()) {
            log.info("Replay: {} of {} events ({} events/s, {})", progress.done(), progress.total(),
                    progress.eventsPerSecond(), progress.secondsLeft() == null ? "time left not known yet"
                            : "about " + progress.secondsLeft() + " s left");
        }
    }

    private List<StreamingEventProcessor> processors() {
        Map<String, EventProcessor> all = processing.eventProcessors();
        return all.values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }
}
