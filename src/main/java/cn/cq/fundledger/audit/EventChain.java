package cn.cq.fundledger.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A hash chain beside the event store. Each stored event, in global order, gets a link: SHA-256 over the
 * previous link's hash and the event's canonical content (its identifiers, type, timestamp, payload and
 * metadata exactly as stored). Changing, deleting or reordering a stored event, its payload or its metadata
 * breaks the chain at that event, and {@link #verify()} names the first broken one.
 *
 * <p>Links are added by {@link #seal()}: every few seconds, and before every verification. Several nodes can
 * seal: a row lock serialises them. An event is covered once sealed; the chain's head hash can be published
 * to anchor the whole history.
 *
 * <p>Positions are handed out when an event is inserted, but transactions commit in their own order: a later
 * position can be visible while an earlier one is still being committed (two programs' commands at once, or
 * several nodes). Appends are serialised by a lock ({@code system.SerialAppendStorageEngine}): when the sealer
 * can take that lock no append is under way and every gap is final (a rollback or a crash), so it seals
 * across it at once. While an append holds the lock, the sealer stops at a gap and seals across it only once
 * it has stayed empty for {@code fundledger.audit.gap-timeout}. An event that appears in a gap after that is
 * reported as slipped into the sealed history.
 */
@Component
public class EventChain {

    /** The previous hash of the first link. */
    public static final String GENESIS = "0".repeat(64);

    private static final Logger log = LoggerFactory.getLogger(EventChain.class);
    private static final int BATCH = 5000;
    private static final String EVENT_COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, payloadType, payloadRevision, timeStamp, payload, metaData";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration gapTimeout;
    private final Clock clock;
    /** Gaps in the positions (first missing position) and when this node first saw each. */
    private final Map<Long, Instant> gapsSeen = new HashMap<>();

    @Autowired
    public EventChain(JdbcTemplate jdbc, TransactionTemplate transactions,
                      @Value("${fundledger.audit.gap-timeout:60s}") Duration gapTimeout) {
        this(jdbc, transactions, gapTimeout, Clock.systemUTC());
    }

    EventChain(JdbcTemplate jdbc, TransactionTemplate transactions, Duration gapTimeout, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
    }

    /** One stored event, as the chain reads it. */
    public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                              long sequenceNumber, String type, String payloadType, String payloadRevision,
                              String timestamp, byte[] payload, byte[] metaData) {
    }

    /** The first event where the chain does not hold, and why. */
    public record BrokenEvent(long position, String eventId, String reason) {
    }

    /** What a check of the chain found. */
    public record ChainCheck(long events, long sealed, String head, boolean valid, BrokenEvent firstBroken,
                             long checked, long headPosition) {
    }

    @Scheduled(initialDelayString = "${fundledger.audit.seal-interval:5s}",
            fixedDelayString = "${fundledger.audit.seal-interval:5s}")
    public void sealPeriodically() {
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn("Could not extend the event chain: {}", e.getMessage());
        }
    }

    /** Adds links for every stored event not yet in the chain. Returns how many were added. */
    public synchronized int seal() {
        int total = 0;
        while (true) {
            Integer added = transactions.execute(status -> sealBatch());
            if (added == null || added == 0) {
                return total;
            }
            total += added;
        }
    }

    private int sealBatch() {
        jdbc.queryForObject("SELECT id FROM event_chain_lock WHERE id = 1 FOR UPDATE", Integer.class);
        // While this transaction holds the append lock no append is under way, so every gap is final.
        boolean appendsIdle = !jdbc.queryForList("SELECT id FROM event_append_lock WHERE id = 1 FOR UPDATE SKIP LOCKED",
                Integer.class).isEmpty();
        List<String> last = jdbc.query("SELECT hash FROM event_chain ORDER BY global_index DESC LIMIT 1",
                (rs, i) -> rs.getString(1));
        Long lastIndex = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), -1) FROM event_chain", Long.class);
        List<StoredEvent> events = jdbc.query("SELECT " + EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex > ? "
                + "ORDER BY globalIndex LIMIT " + BATCH, (rs, i) -> read(rs), lastIndex);
        String previous = last.isEmpty() ? GENESIS : last.get(0);
        List<Object[]> links = new ArrayList<>(events.size());
        gapsSeen.keySet().removeIf(first -> first <= lastIndex);
        // positions start at 1: an empty chain waits for the first one too
        long expected = last.isEmpty() && !events.isEmpty() ? Math.min(1, events.get(0).globalIndex()) : lastIndex + 1;
        Linker linker = new Linker();
        for (StoredEvent event : events) {
            if (event.globalIndex() != expected && !appendsIdle && !gapSettled(expected, event.globalIndex() - 1)) {
                break; // an earlier position may still be committing: seal up to here for now
            }
            expected = event.globalIndex() + 1;
            String hash = linker.link(previous, event);
            links.add(new Object[]{event.globalIndex(), event.eventIdentifier(), previous, hash});
            previous = hash;
        }
        jdbc.batchUpdate("INSERT INTO event_chain (global_index, event_identifier, previous_hash, hash) "
                + "VALUES (?, ?, ?, ?)", links);
        return links.size();
    }

    /** Whether positions first..last have stayed empty for the gap timeout (seen by this node). */
    private boolean gapSettled(long first, long last) {
        Instant now = clock.instant();
        Instant seen = gapsSeen.computeIfAbsent(first, f -> now);
        if (Duration.between(seen, now).compareTo(gapTimeout) < 0) {
            return false;
        }
        gapsSeen.remove(first);
        log.warn("Sealing the event chain across positions {}..{}: nothing was committed there within {}", first, last,
                gapTimeout);
        return true;
    }

    /**
     * Recomputes the chain from the stored events and compares it, link by link, with the stored links. Reports
     * the first event that was changed, deleted, moved or slipped into the sealed history.
     */
    public ChainCheck verify() {
        return verify(null, progress -> { });
    }

    /** A point of the chain an earlier verification found intact: its position and its link's hash. */
    public record VerifiedPoint(long position, String hash) {
    }

    /**
     * Checks the chain after a verified point (or, with {@code null}, from its start): the stored link at the
     * point must still carry the hash verified then, and every later link must follow from it and from its
     * event. Events and links are read {@value #BATCH} at a time (keyset batches), so a history of any size is
     * checked in constant memory on any database. {@code progress} is told how many
     * links have been checked, every few thousand.
     */
    public ChainCheck verify(VerifiedPoint after, java.util.function.LongConsumer progress) {
        seal();
        long events = count("SELECT COUNT(*) FROM DomainEventEntry");
        long sealed = count("SELECT COUNT(*) FROM event_chain");
        long from = after == null ? Long.MIN_VALUE : after.position();
        BrokenEvent[] broken = new BrokenEvent[1];
        String[] previous = {after == null ? GENESIS : after.hash()};
        if (after != null) {
            List<String> stored = jdbc.query("SELECT hash FROM event_chain WHERE global_index = ?",
                    (rs, i) -> rs.getString(1), after.position());
            if (stored.isEmpty() || !stored.get(0).equals(after.hash())) {
                broken[0] = new BrokenEvent(after.position(), null, stored.isEmpty()
                        ? "the link verified last at this position was deleted"
                        : "the link verified last at this position was altered: the history up to it is not the one "
                                + "verified then");
                return new ChainCheck(events, sealed, after.hash(), false, broken[0], 0, after.position());
            }
        }
        long[] checked = {0};
        Linker linker = new Linker();
        long[] headPosition = {after == null ? -1 : after.position()};
        // keyset batches: each a short query whatever the history's size, on H2 (no temporary result file, no long
        // lazy scan, see StreamedRead) as on PostgreSQL
        long cursor = from;
        int[] rows = {BATCH};
        while (rows[0] == BATCH && broken[0] == null) {
            rows[0] = 0;
            long[] last = {cursor};
            jdbc.query("SELECT c.global_index, c.event_identifier, c.previous_hash, c.hash, e.globalIndex, "
                    + "e.eventIdentifier, e.aggregateIdentifier, e.sequenceNumber, e.type, e.payloadType, "
                    + "e.payloadRevision, e.timeStamp, e.payload, e.metaData FROM event_chain c LEFT JOIN "
                    + "DomainEventEntry e ON e.globalIndex = c.global_index WHERE c.global_index > ? "
                    + "ORDER BY c.global_index LIMIT " + BATCH, (RowCallbackHandler) rs -> {
                        rows[0]++;
                        last[0] = rs.getLong(1);
                        if (broken[0] == null) {
                            checkLink(rs, previous, broken, linker);
                            if (broken[0] == null) {
                                headPosition[0] = rs.getLong(1);
                            }
                            if (++checked[0] % 10_000 == 0) {
                                progress.accept(checked[0]);
                            }
                        }
                    }, cursor);
            cursor = last[0];
        }
        progress.accept(checked[0]);
        // Every link checked had its own event at its position. When every link was checked, the events up to the
        // last link outnumber the links exactly when an event slipped in between: only then look for it.
        Long inRange = broken[0] != null ? null : jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE "
                + "globalIndex > ? AND globalIndex <= ?", Long.class, from, headPosition[0]);
        List<StoredEvent> slipped = inRange != null && inRange == checked[0] ? List.of() : jdbc.query("SELECT "
                + EVENT_COLUMNS + " FROM DomainEventEntry e WHERE e.globalIndex > ? AND NOT EXISTS (SELECT 1 FROM "
                + "event_chain c WHERE c.global_index = e.globalIndex) AND e.globalIndex < (SELECT "
                + "COALESCE(MAX(global_index), -1) FROM event_chain) ORDER BY e.globalIndex LIMIT 1",
                (rs, i) -> read(rs), from);
        if (!slipped.isEmpty() && (broken[0] == null || slipped.get(0).globalIndex() < broken[0].position())) {
            broken[0] = new BrokenEvent(slipped.get(0).globalIndex(), slipped.get(0).eventIdentifier(),
                    "the event appeared inside the already sealed history");
        }
        return new ChainCheck(events, sealed, previous[0], broken[0] == null, broken[0], checked[0], headPosition[0]);
    }

    /** Checks one link against the previous hash and its event; names the first broken one. */
    private static void checkLink(ResultSet rs, String[] previous, BrokenEvent[] broken, Linker linker)
            throws SQLException {
        long position = rs.getLong(1);
        String linkedId = rs.getString(2);
        if (!previous[0].equals(rs.getString(3))) {
            broken[0] = new BrokenEvent(position, linkedId, "the chain itself was altered before this link");
        } else if (rs.getObject(5) == null) {
            broken[0] = new BrokenEvent(position, linkedId, "the event was deleted");
        } else {
            StoredEvent event = readJoined(rs);
            if (!event.eventIdentifier().equals(linkedId)) {
                broken[0] = new BrokenEvent(position, linkedId, "another event (" + event.eventIdentifier()
                        + ") stands at this position: events were moved or replaced");
            } else if (!linker.link(previous[0], event).equals(rs.getString(4))) {
                broken[0] = new BrokenEvent(position, linkedId,
                        "the event's content (payload, metadata or identifiers) was changed");
            } else {
                previous[0] = rs.getString(4);
            }
        }
    }

    /** SHA-256 over the previous hash and the event's canonical content, as 64 hex digits. */
    public static String link(String previousHash, StoredEvent event) {
        return new Linker().link(previousHash, event);
    }

    /**
     * Computes links one after another with one digest, feeding it the canonical content field by field (the
     * same bytes as {@link #canonical}, without copying the payload into a buffer first). Not thread-safe.
     */
    static final class Linker {
        private final MessageDigest sha;
        private final byte[] length = new byte[4];

        Linker() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        String link(String previousHash, StoredEvent event) {
            sha.reset();
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            field(event.eventIdentifier());
            field(event.aggregateIdentifier());
            field(Long.toString(event.sequenceNumber()));
            field(event.type());
            field(event.payloadType());
            field(event.payloadRevision());
            field(event.timestamp());
            field(event.payload());
            field(event.metaData());
            return HexFormat.of().formatHex(sha.digest());
        }

        private void field(String text) {
            field(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }

        private void field(byte[] bytes) {
            int n = bytes == null ? -1 : bytes.length;
            length[0] = (byte) (n >>> 24);
            length[1] = (byte) (n >>> 16);
            length[2] = (byte) (n >>> 8);
            length[3] = (byte) n;
            sha.update(length);
            if (bytes != null) {
                sha.update(bytes);
            }
        }
    }

    /**
     * The event's content as an unambiguous byte string: each field as a 4-byte length (−1 for null) followed
     * by its bytes (text in UTF-8), in a fixed order. The global position is not part of it: the chain's order
     * binds each event to its place.
     */
    public static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        field(out, event.eventIdentifier());
        field(out, event.aggregateIdentifier());
        field(out, Long.toString(event.sequenceNumber()));
        field(out, event.type());
        field(out, event.payloadType());
        field(out, event.payloadRevision());
        field(out, event.timestamp());
        field(out, event.payload());
        field(out, event.metaData());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String text) {
        field(out, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10));
    }

    private static StoredEvent readJoined(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getBytes(13), rs.getBytes(14));
    }
}
