package cn.cq.fundledger.system;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Remembers, per processor and segment, the event a projection could not take in, until the segment commits a
 * batch at or past that event. A processor retries a failing event for ever (with Axon's back-off, up to a minute
 * between attempts) and shows no lasting error state meanwhile: this record is what makes the halt visible to the
 * health check, to reads and to auditors. It also keeps each segment's last known position (where it committed,
 * or stood when a batch failed), because a segment that waits to retry is claimed by nobody and reports no
 * position of its own.
 */
@Component
public class Halts {

    private static final Logger log = LoggerFactory.getLogger(Halts.class);
    private static final int MESSAGE_LENGTH = 300;

    /** The event a batch failed on: its global position, identifier and type (null when not known). */
    public record FailingEvent(Long position, String eventId, String eventType) {
    }

    /**
     * A failure of one processor segment: the event, the error (abbreviated), when it was first and last seen,
     * how many batches failed on it in a row, and when the segment got past it ({@code resolvedAt}, null while
     * it is halted).
     */
    public record Halt(String processor, int segment, Long eventPosition, String eventId, String eventType,
                       String message, Instant firstSeen, Instant lastSeen, int attempts, Instant resolvedAt) {

        /** Whether the segment is still stuck on the event. */
        public boolean current() {
            return resolvedAt == null;
        }

        /** Whether the segment is stuck and has already failed on the same event more than once. */
        public boolean retrying() {
            return current() && attempts > 1;
        }

        boolean sameEvent(FailingEvent event) {
            return Objects.equals(eventPosition, event.position()) && Objects.equals(eventId, event.eventId());
        }
    }

    private record Key(String processor, int segment) {
    }

    private final Clock clock;
    private final Map<Key, Halt> latest = new ConcurrentHashMap<>();
    private final Map<Key, Long> positions = new ConcurrentHashMap<>();

    public Halts(Clock clock) {
        this.clock = clock;
    }

    /** Records a batch of {@code processor}'s {@code segment} that failed on {@code event}; returns the halt. */
    public Halt failed(String processor, int segment, FailingEvent event, Throwable error) {
        Instant now = clock.instant();
        String message = describe(error);
        Halt halt = latest.compute(new Key(processor, segment), (key, before) -> before != null && before.current()
                && before.sameEvent(event)
                ? new Halt(processor, segment, event.position(), event.eventId(), event.eventType(), message,
                before.firstSeen(), now, before.attempts() + 1, null)
                : new Halt(processor, segment, event.position(), event.eventId(), event.eventType(), message, now,
                now, 1, null));
        log.error("Projection {} (segment {}) cannot take in event {} ({} {}): attempt {} since {}: {}. It retries by "
                        + "itself; reads of it answer 503 meanwhile. See GET /api/audit/processors.", processor, segment,
                halt.eventPosition(), halt.eventType(), halt.eventId(), halt.attempts(), halt.firstSeen(), message);
        return halt;
    }

    /** Records that {@code processor}'s {@code segment} committed a batch up to {@code position}. */
    public void committed(String processor, int segment, long position) {
        positions.put(new Key(processor, segment), position);
        resolve(processor, segment, halt -> halt.eventPosition() == null || position >= halt.eventPosition(),
                "it took the event in");
    }

    /** Records where {@code processor}'s {@code segment} stands (its token), without judging a halt by it. */
    public void standsAt(String processor, int segment, long position) {
        positions.put(new Key(processor, segment), position);
    }

    /**
     * Records that {@code processor}'s {@code segment} stands at or past {@code head}, the newest stored event: it
     * has nothing left to fail on, the event at fault having been taken in or removed from the store.
     */
    public void caughtUp(String processor, int segment, long position, long head) {
        if (position >= head) {
            resolve(processor, segment, halt -> true,
                    "it stands at the head of the event store (the event was taken in, or removed)");
        }
    }

    private void resolve(String processor, int segment, java.util.function.Predicate<Halt> over, String how) {
        latest.computeIfPresent(new Key(processor, segment), (k, halt) -> {
            if (!halt.current() || !over.test(halt)) {
                return halt;
            }
            log.info("Projection {} (segment {}) is no longer halted on event {} ({} failed attempts): {}", processor,
                    segment, halt.eventPosition(), halt.attempts(), how);
            return new Halt(halt.processor(), halt.segment(), halt.eventPosition(), halt.eventId(), halt.eventType(),
                    halt.message(), halt.firstSeen(), halt.lastSeen(), halt.attempts(), clock.instant());
        });
    }

    /** Forgets what is known of {@code processor}: its tokens were reset, it starts again from the first event. */
    public void forget(String processor) {
        latest.keySet().removeIf(key -> key.processor().equals(processor));
        positions.keySet().removeIf(key -> key.processor().equals(processor));
    }

    /** The halts still in force of the given processors (all processors when empty), by processor and segment. */
    public List<Halt> current(Collection<String> processors) {
        return latest.values().stream().filter(Halt::current)
                .filter(h -> processors.isEmpty() || processors.contains(h.processor()))
                .sorted(Comparator.comparing(Halt::processor).thenComparing(Halt::segment))
                .toList();
    }

    /** The segment's latest failure, in force or resolved. */
    public Optional<Halt> of(String processor, int segment) {
        return Optional.ofNullable(latest.get(new Key(processor, segment)));
    }

    /** The processor's most recent failure on any segment, in force or resolved. */
    public Optional<Halt> latest(String processor) {
        return latest.values().stream().filter(h -> h.processor().equals(processor))
                .max(Comparator.comparing(Halt::lastSeen));
    }

    /** The segment's last known position, if it committed or failed a batch since the ledger started. */
    public OptionalLong position(String processor, int segment) {
        Long position = positions.get(new Key(processor, segment));
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** The segments of {@code processor} that failed or committed since the ledger started. */
    public List<Integer> segmentsOf(String processor) {
        return java.util.stream.Stream.concat(latest.keySet().stream(), positions.keySet().stream())
                .filter(key -> key.processor().equals(processor)).map(Key::segment).distinct().sorted().toList();
    }

    /**
     * The error as an operator reads it: the message of its innermost cause (the database's own words rather than
     * the layers that passed it on), its first line without the statement that follows it, at most 300 characters.
     */
    public static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
            t = sql.getNextException();
        }
        String message = t.getMessage();
        String line = message == null || message.isBlank() ? t.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message).replaceFirst(";?\\s*SQL statement:\\s*$", "");
        return abbreviate(line, MESSAGE_LENGTH);
    }

    static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
