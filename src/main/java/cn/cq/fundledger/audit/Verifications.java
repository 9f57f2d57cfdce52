package cn.cq.fundledger.audit;

import cn.cq.fundledger.core.RuleViolation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Verifications run as jobs: started by {@code POST /api/audit/verifications}, followed at their URL from any node
 * (their progress and findings are rows of {@code audit_verification}, updated about once a second).
 *
 * <ul>
 *   <li>{@code full}: the whole hash chain, then the whole history replayed into a separate copy of the projections
 *       and every row compared ({@link ProjectionCheck}), as {@code GET /api/audit/verify} does;</li>
 *   <li>{@code since-last}: the fast check of what was added since the last verified point (the chain's head when
 *       a verification last found it intact): the stored link there must still carry the hash verified then, and
 *       every later link must follow from it and from its event. It reads only the new events and compares no
 *       projection: the older history is the full check's (run it, e.g., nightly).</li>
 * </ul>
 *
 * <p>One job runs at a time on a node (another is refused with 409 naming the running one). A job whose node stops
 * (a crash, a restart) stops being updated; after {@link #STALE} it is reported {@code abandoned}.
 */
@Component
public class Verifications {

    public static final String FULL = "full";
    public static final String SINCE_LAST = "since-last";
    /** A running job not updated for this long belongs to a node that stopped. */
    static final Duration STALE = Duration.ofMinutes(2);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    private final JdbcTemplate jdbc;
    private final EventChain chain;
    private final ProjectionCheck projections;
    private final ObjectMapper json;
    private final Clock clock;
    private final String node;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "verification");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> running = new AtomicReference<>();

    public Verifications(JdbcTemplate jdbc, EventChain chain, ProjectionCheck projections, ObjectMapper json,
                         Clock clock, @Value("${fundledger.node-name:}") String nodeName) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.projections = projections;
        this.json = json;
        this.clock = clock;
        this.node = nodeName.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeName;
    }

    /** What a verification found: the answer of {@code GET /api/audit/verify}, with what the check covered. */
    public record Findings(long events, boolean chainValid, EventChain.BrokenEvent firstBrokenEvent, String chainHead,
                           Boolean projectionsMatch, List<ProjectionCheck.Difference> differences, Long checkedFrom,
                           long linksChecked, long chainEventsPerSecond, long eventsReplayed, long seconds) {
    }

    /**
     * A verification job as the API shows it. {@code phase} ({@code chain}, {@code replay}, {@code compare}) with
     * {@code done} of {@code total} (links, events, tables) while it runs; {@code result} once {@code done};
     * {@code error} when {@code failed}.
     */
    public record Job(String id, String url, String scope, String state, String requestedBy, String node,
                      Instant startedAt, Instant finishedAt, String phase, long done, long total, Long eventsPerSecond,
                      Long secondsLeft, Long fromPosition, Long verifiedPosition, String verifiedHash, Findings result,
                      String error) {
    }

    /** Starts a verification on this node; answers at once with the job. */
    public Job start(String scope, String requestedBy) {
        String chosen = scope == null ? FULL : scope;
        if (!chosen.equals(FULL) && !chosen.equals(SINCE_LAST)) {
            throw RuleViolation.invalid("scope", "one-of", "scope is 'full' (the chain and every projection) or "
                    + "'since-last' (the chain since the last verified point), not '" + abbreviate(scope) + "'");
        }
        String id = UUID.randomUUID().toString();
        if (!running.compareAndSet(null, id)) {
            String other = running.get();
            throw RuleViolation.conflict("scope", "verification-running", "a verification is already running on this "
                    + "node: follow it at /api/audit/verifications/" + other + ", or start another when it is done");
        }
        try {
            EventChain.VerifiedPoint from = chosen.equals(SINCE_LAST) ? lastVerifiedPoint().orElse(null) : null;
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.update("INSERT INTO audit_verification (id, scope, requested_by, node, state, phase, done, total, "
                    + "started_at, phase_started_at, updated_at, from_position) "
                    + "VALUES (?,?,?,?,'running','chain',0,?,?,?,?,?)", id, chosen, requestedBy, node, linksAfter(from),
                    now, now, now, from == null ? null : from.position());
            worker.execute(() -> run(id, chosen, from));
            return find(id).orElseThrow();
        } catch (RuntimeException | Error e) {
            running.set(null);
            throw e;
        }
    }

    public Optional<Job> find(String id) {
        return jdbc.query(SELECT + " WHERE id = ?", this::job, id).stream().findFirst();
    }

    /** The latest verifications first (at most 50). */
    public List<Job> latest() {
        return jdbc.query(SELECT + " ORDER BY started_at DESC, id FETCH FIRST 50 ROWS ONLY", this::job);
    }

    /** Where the last verification that found the chain intact stood: the next since-last check starts there. */
    public Optional<EventChain.VerifiedPoint> lastVerifiedPoint() {
        return jdbc.query("SELECT verified_position, verified_hash FROM audit_verification WHERE state = 'done' AND "
                + "chain_valid = TRUE AND verified_position IS NOT NULL ORDER BY finished_at DESC, id "
                + "FETCH FIRST 1 ROWS ONLY", (rs, i) -> new EventChain.VerifiedPoint(rs.getLong(1), rs.getString(2)))
                .stream().findFirst();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    // ------------------------------------------------------------------ the job

    private void run(String id, String scope, EventChain.VerifiedPoint from) {
        Instant started = clock.instant();
        try {
            Reporter reporter = new Reporter(id);
            EventChain.ChainCheck check = chain.verify(from, done -> reporter.report("chain", done, -1));
            long chainMillis = Math.max(1, Duration.between(started, clock.instant()).toMillis());
            ProjectionCheck.Result replay = null;
            if (scope.equals(FULL)) {
                replay = projections.replayAndCompare(new ProjectionCheck.Progress() {
                    @Override
                    public void replayed(long done, long total) {
                        reporter.report("replay", done, total);
                    }

                    @Override
                    public void compared(int done, int total) {
                        reporter.report("compare", done, total);
                    }
                });
            }
            long seconds = Duration.between(started, clock.instant()).toSeconds();
            Findings findings = new Findings(check.events(), check.valid(), check.firstBroken(), check.head(),
                    replay == null ? null : replay.match(), replay == null ? List.of() : replay.differences(),
                    from == null ? null : from.position(), check.checked(), check.checked() * 1000 / chainMillis,
                    replay == null ? 0 : replay.eventsReplayed(), seconds);
            boolean intact = check.valid() && check.headPosition() >= 0;
            String findingsJson = json.writeValueAsString(findings);
            running.set(null); // whoever reads the row as done may start the next one at once
            jdbc.update("UPDATE audit_verification SET state = 'done', phase = NULL, done = total, updated_at = ?, "
                    + "finished_at = ?, "
                    + "verified_position = ?, verified_hash = ?, chain_valid = ?, projections_match = ?, result = ? "
                    + "WHERE id = ?", now(), now(), intact ? check.headPosition() : null, intact ? check.head() : null,
                    check.valid(), findings.projectionsMatch(), findingsJson, id);
            log.info("Verification {} ({}) done in {} s: chain {}, projections {}", id, scope, seconds,
                    check.valid() ? "intact" : "broken at " + check.firstBroken().position(),
                    replay == null ? "not compared" : replay.match() ? "match" : "differ");
        } catch (Exception e) {
            log.error("Verification {} failed", id, e);
            running.set(null);
            try {
                jdbc.update("UPDATE audit_verification SET state = 'failed', updated_at = ?, finished_at = ?, "
                        + "error = ? WHERE id = ?", now(), now(), abbreviate(String.valueOf(e.getMessage()), 2000), id);
            } catch (RuntimeException unrecorded) {
                log.error("Could not record that verification {} failed", id, unrecorded);
            }
        } finally {
            running.compareAndSet(id, null);
        }
    }

    /** Writes a job's progress to its row, at most about once a second (and at every change of phase). */
    private final class Reporter {
        private final String id;
        private String phase = "chain";
        private Instant flushed = Instant.EPOCH;

        Reporter(String id) {
            this.id = id;
        }

        void report(String phaseNow, long done, long total) {
            Instant now = clock.instant();
            boolean newPhase = !phaseNow.equals(phase);
            if (!newPhase && Duration.between(flushed, now).compareTo(FLUSH) < 0) {
                return;
            }
            flushed = now;
            Timestamp at = Timestamp.from(now);
            if (newPhase) {
                phase = phaseNow;
                jdbc.update("UPDATE audit_verification SET phase = ?, done = ?, total = ?, phase_started_at = ?, "
                        + "updated_at = ? WHERE id = ?", phaseNow, done, total, at, at, id);
            } else if (total >= 0) {
                jdbc.update("UPDATE audit_verification SET done = ?, total = ?, updated_at = ? WHERE id = ?", done,
                        total, at, id);
            } else {
                jdbc.update("UPDATE audit_verification SET done = ?, updated_at = ? WHERE id = ?", done, at, id);
            }
        }
    }

    private long linksAfter(EventChain.VerifiedPoint from) {
        Long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?", Long.class,
                from == null ? Long.MIN_VALUE : from.position());
        return events == null ? 0 : events;
    }

    // ------------------------------------------------------------------ reading jobs

    private static final String SELECT = "SELECT id, scope, state, requested_by, node, started_at, finished_at, "
            + "phase, done, total, phase_started_at, updated_at, from_position, verified_position, verified_hash, "
            + "result, error FROM audit_verification";

    private Job job(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        String state = rs.getString("state");
        Instant updated = rs.getTimestamp("updated_at").toInstant();
        Instant now = clock.instant();
        if (state.equals("running") && Duration.between(updated, now).compareTo(STALE) > 0) {
            state = "abandoned";
        }
        boolean running = state.equals("running");
        long done = rs.getLong("done");
        long total = rs.getLong("total");
        Long rate = null;
        Long left = null;
        if (running) {
            long millis = Duration.between(rs.getTimestamp("phase_started_at").toInstant(), updated).toMillis();
            rate = millis <= 0 ? null : done * 1000 / millis;
            left = rate == null || rate == 0 || total < done ? null : (total - done) / rate;
        }
        String result = rs.getString("result");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Job(id, "/api/audit/verifications/" + id, rs.getString("scope"), state, rs.getString("requested_by"),
                rs.getString("node"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), running ? rs.getString("phase") : null, done, total,
                rate, left, nullableLong(rs, "from_position"), nullableLong(rs, "verified_position"),
                rs.getString("verified_hash"), result == null ? null : findings(result), rs.getString("error"));
    }

    private Findings findings(String text) {
        try {
            return json.readValue(text, Findings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored verification's findings cannot be read: " + e.getMessage(), e);
        }
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String abbreviate(String text) {
        return abbreviate(text, 40);
    }

    private static String abbreviate(String text, int max) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
