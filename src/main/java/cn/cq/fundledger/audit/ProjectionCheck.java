package cn.cq.fundledger.audit;

import cn.cq.fundledger.system.ProjectionConsistency;
import cn.cq.fundledger.system.ProjectionHalted;
import cn.cq.fundledger.system.ProjectionWriter;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Replays the whole event history into a fresh, separate copy of the projections (an in-memory database of
 * its own, built by the same migrations and the same projection classes) and compares every row of every
 * projection table with the live ones. Any difference means the live figures are not what the history says.
 */
@Component
public class ProjectionCheck {

    /** Tables no projection builds: the store and its bookkeeping, saved what-if scenarios and verifications. */
    private static final Set<String> NOT_PROJECTIONS = Set.of("DOMAINEVENTENTRY", "SNAPSHOTEVENTENTRY", "TOKENENTRY",
            "EVENT_CHAIN", "EVENT_CHAIN_LOCK", "FLYWAY_SCHEMA_HISTORY", "DEADLETTERENTRY", "WHAT_IF_SCENARIO",
            "AUDIT_VERIFICATION");
    private static final int MAX_DIFFERENCES = 100;

    private final EventStorageEngine events;
    private final JdbcTemplate live;
    private final ApplicationContext context;
    private final ProjectionConsistency consistency;

    public ProjectionCheck(EventStorageEngine events, JdbcTemplate live, ApplicationContext context,
                           ProjectionConsistency consistency) {
        this.events = events;
        this.live = live;
        this.context = context;
        this.consistency = consistency;
    }

    /** A table whose rows differ between the live projections and the replayed copy. */
    public record Difference(String table, long liveRows, long replayedRows, String firstDifference) {
    }

    public record Result(long eventsReplayed, boolean match, List<Difference> differences) {
    }

    /** Told how far a check has come: events replayed of those to replay, then tables compared of all. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void replayed(long done, long total) {
        }

        default void compared(int done, int total) {
        }
    }

    public Result replayAndCompare() {
        return replayAndCompare(Progress.NONE);
    }

    public Result replayAndCompare(Progress progress) {
        long head = consistency.head();
        ProjectionConsistency.Wait wait = consistency.await(java.util.Set.of(), head, Duration.ofMinutes(5));
        if (!wait.halted().isEmpty()) {
            throw new ProjectionHalted(wait.halted(), head);
        }
        if (!wait.complete()) {
            throw new IllegalStateException("the live projections have not caught up with event " + head);
        }
        java.nio.file.Path folder;
        try {
            folder = java.nio.file.Files.createTempDirectory("fundledger-verify-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no room for the replay copy: " + e.getMessage(), e);
        }
        // the copy lives in a file of its own, so that a history of any size is checked within the ledger's heap
        JdbcDataSource copy = new JdbcDataSource();
        copy.setURL("jdbc:h2:file:" + folder.resolve("copy").toAbsolutePath() + ";DB_CLOSE_DELAY=0");
        JdbcTemplate replayed = new JdbcTemplate(copy);
        try (var keepOpen = copy.getConnection()) {
            Flyway.configure().dataSource(copy).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                    .load().migrate();
            long count = replay(replayed, head, progress);
            List<Difference> differences = compare(copy, progress);
            return new Result(count, differences.isEmpty(), differences);
        } catch (SQLException e) {
            throw new IllegalStateException("could not build the replay copy: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(java.nio.file.Path folder) {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind is the operating system's to clean
        }
    }

    private long replay(JdbcTemplate target, long head, Progress progress) {
        ProjectionWriter writer = new ProjectionWriter(target);
        List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            projections.add(new AnnotationEventHandlerAdapter(freshCopy(AopUtils.getTargetClass(bean), writer, target)));
        }
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            java.util.Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                if (message.trackingToken().position().orElse(Long.MAX_VALUE) > head) {
                    break;
                }
                for (AnnotationEventHandlerAdapter projection : projections) {
                    if (projection.canHandle(message)) {
                        try {
                            projection.handle(message);
                        } catch (Exception e) {
                            throw new IllegalStateException("replaying event " + message.getIdentifier() + " failed", e);
                        }
                    }
                }
                if (++count % 10_000 == 0) {
                    progress.replayed(count, head + 1);
                }
            }
        }
        progress.replayed(count, count);
        return count;
    }

    /** A new instance of a projection class, writing to the copy: its constructor takes a writer and a JdbcTemplate. */
    private static Object freshCopy(Class<?> type, ProjectionWriter writer, JdbcTemplate jdbc) {
        for (Constructor<?> constructor : type.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            Object[] arguments = new Object[parameters.length];
            boolean fits = true;
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == ProjectionWriter.class) {
                    arguments[i] = writer;
                } else if (parameters[i] == JdbcTemplate.class) {
                    arguments[i] = jdbc;
                } else {
                    fits = false;
                }
            }
            if (fits) {
                try {
                    return constructor.newInstance(arguments);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot copy projection " + type.getSimpleName(), e);
                }
            }
        }
        throw new IllegalStateException("projection " + type.getSimpleName()
                + " needs a constructor taking only a ProjectionWriter and a JdbcTemplate to be replayed");
    }

    /**
     * Each projection table of the live database against the copy, streamed: an order-free digest of every row
     * (the sum of the rows' SHA-256, and their number) on each side, in constant memory whatever the table's size and
     * whichever database holds the live one. Only a table whose digests differ is read again, to show one row that
     * differs: the rows of one of 1,024 hash buckets where the two sides disagree.
     */
    private List<Difference> compare(javax.sql.DataSource copy, Progress progress) {
        List<String> tables = new JdbcTemplate(copy).queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME", String.class).stream()
                .filter(t -> !NOT_PROJECTIONS.contains(t.toUpperCase(Locale.ROOT))).toList();
        javax.sql.DataSource liveSource = Objects.requireNonNull(live.getDataSource());
        List<Difference> differences = new ArrayList<>();
        int compared = 0;
        for (String table : tables) {
            progress.compared(compared++, tables.size());
            Digest liveDigest = new Digest();
            Digest replayedDigest = new Digest();
            scan(liveSource, table, liveDigest::add);
            scan(copy, table, replayedDigest::add);
            if (!liveDigest.sameAs(replayedDigest)) {
                differences.add(new Difference(table.toLowerCase(Locale.ROOT), liveDigest.rows, replayedDigest.rows,
                        firstDifference(liveSource, copy, table, liveDigest, replayedDigest)));
                if (differences.size() >= MAX_DIFFERENCES) {
                    break;
                }
            }
        }
        progress.compared(tables.size(), tables.size());
        return differences;
    }

    /** Every row of a table, in its text form, to a consumer; streamed ({@link StreamedRead}, 1,000 rows a fetch). */
    private static void scan(javax.sql.DataSource source, String table, java.util.function.Consumer<String> rows) {
        try (java.sql.Connection connection = source.getConnection()) {
            StreamedRead.on(connection, c -> {
                try (java.sql.Statement statement = c.createStatement()) {
                    statement.setFetchSize(1000);
                    try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                        while (rs.next()) {
                            rows.accept(row(rs));
                        }
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not read table " + table + ": " + e.getMessage(), e);
        }
    }

    /** An order-free digest of a multiset of rows: their number and two sums of their SHA-256 (128 bits). */
    private static final class Digest {
        long rows;
        long high;
        long low;
        final long[] bucketSums = new long[BUCKETS];
        final long[] bucketRows = new long[BUCKETS];

        void add(String row) {
            long[] hash = hash(row);
            rows++;
            high += hash[0];
            low += hash[1];
            int bucket = bucket(hash);
            bucketSums[bucket] += hash[1];
            bucketRows[bucket]++;
        }

        boolean sameAs(Digest other) {
            return rows == other.rows && high == other.high && low == other.low;
        }
    }

    private static final int BUCKETS = 1024;

    private static long[] hash(String row) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(row.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(sha);
            return new long[]{bytes.getLong(), bytes.getLong()};
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bucket(long[] hash) {
        return (int) (hash[0] >>> 54);
    }

    /** One row that differs: the rows of the first hash bucket where the sides disagree, read and compared. */
    private static String firstDifference(javax.sql.DataSource live, javax.sql.DataSource copy, String table,
                                          Digest liveDigest, Digest replayedDigest) {
        int bucket = -1;
        for (int b = 0; b < BUCKETS && bucket < 0; b++) {
            if (liveDigest.bucketRows[b] != replayedDigest.bucketRows[b]
                    || liveDigest.bucketSums[b] != replayedDigest.bucketSums[b]) {
                bucket = b;
            }
        }
        if (bucket < 0) {
            return "the same rows a different number of times";
        }
        int wanted = bucket;
        List<String> liveRows = new ArrayList<>();
        List<String> replayedRows = new ArrayList<>();
        scan(live, table, row -> {
            if (bucket(hash(row)) == wanted) {
                liveRows.add(row);
            }
        });
        scan(copy, table, row -> {
            if (bucket(hash(row)) == wanted) {
                replayedRows.add(row);
            }
        });
        return firstDifference(liveRows, replayedRows);
    }

    private static String row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.append(c == 1 ? "" : " | ").append(meta.getColumnLabel(c).toLowerCase(Locale.ROOT)).append('=')
                    .append(normal(rs.getObject(c)));
        }
        return row.toString();
    }

    /** One text form per value whatever the database: instants, dates, exact numbers, hex bytes. */
    private static String normal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return Objects.toString(value);
    }

    private static String firstDifference(List<String> live, List<String> replayed) {
        for (String row : live) {
            if (!replayed.contains(row)) {
                return "live has " + row + " which the replay does not";
            }
        }
        for (String row : replayed) {
            if (!live.contains(row)) {
                return "the replay has " + row + " which live lacks";
            }
        }
        return "the same rows a different number of times";
    }
}
