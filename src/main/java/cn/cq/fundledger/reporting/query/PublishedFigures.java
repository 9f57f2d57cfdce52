package cn.cq.fundledger.reporting.query;

import cn.cq.fundledger.system.NetCount;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Computes the published figures as of a business date, optionally as the ledger knew them at an instant
 * ({@code recordedAt}: events recorded later are ignored, even back-dated ones), and lists the events that
 * make up any one of them.
 */
@Component
public class PublishedFigures {

    private final JdbcTemplate jdbc;

    public PublishedFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One event's part in a figure. */
    public record Part(long position, String eventId, LocalDate businessDate, Instant recordedAt, String kind,
                       String factId, long amount) {
    }

    /** A page of the events that make up a figure; their amounts over all pages add up to {@code value}. */
    public record Explanation(String figure, LocalDate asOf, Instant recordedAt, long value, long events, int page,
                              int size, List<Part> parts) {
    }

    public Map<PublishedFigure, Long> all(LocalDate asOf, Instant recordedAt) {
        Map<String, List<PublishedFigure>> sumsByTable = new LinkedHashMap<>();
        Map<PublishedFigure, Long> values = new EnumMap<>(PublishedFigure.class);
        for (PublishedFigure figure : PublishedFigure.values()) {
            if (figure.distinctKey() == null) {
                sumsByTable.computeIfAbsent(figure.table(), t -> new ArrayList<>()).add(figure);
            } else {
                values.put(figure, jdbc.queryForObject(NetCount.count(dated(figure, recordedAt), figure.distinctKey(),
                        figure.amount(), null), Long.class, arguments(asOf, recordedAt)));
            }
        }
        sumsByTable.forEach((table, figures) -> {
            String columns = String.join(", ", figures.stream().map(PublishedFigure::sum).toList());
            jdbc.query("SELECT " + columns + " FROM " + table + " WHERE " + when(recordedAt), rs -> {
                for (int i = 0; i < figures.size(); i++) {
                    values.put(figures.get(i), rs.getLong(i + 1));
                }
            }, arguments(asOf, recordedAt));
        });
        return values;
    }

    /**
     * Sum figures at the end of every year with facts, up to {@code asOf} (its own year ends at {@code asOf}): the
     * same sums as {@link #all}, taken per business year in one pass and accumulated, so that the value of year Y
     * equals {@code all(min(Y-12-31, asOf))}. Net distinct counts cannot be accumulated and are refused.
     */
    public java.util.SortedMap<Integer, Map<PublishedFigure, Long>> yearEnds(List<PublishedFigure> figures,
                                                                           LocalDate asOf, Instant recordedAt) {
        Map<String, List<PublishedFigure>> byTable = new LinkedHashMap<>();
        for (PublishedFigure figure : figures) {
            if (figure.distinctKey() != null) {
                throw new IllegalArgumentException(figure.figureName() + " is a distinct count, not a sum");
            }
            byTable.computeIfAbsent(figure.table(), t -> new ArrayList<>()).add(figure);
        }
        java.util.SortedMap<Integer, Map<PublishedFigure, Long>> perYear = new java.util.TreeMap<>();
        byTable.forEach((table, sums) -> {
            String columns = String.join(", ", sums.stream().map(PublishedFigure::sum).toList());
            jdbc.query("SELECT EXTRACT(YEAR FROM business_date) AS y, " + columns + " FROM " + table + " WHERE "
                    + when(recordedAt) + " GROUP BY EXTRACT(YEAR FROM business_date)", rs -> {
                Map<PublishedFigure, Long> year = perYear.computeIfAbsent(rs.getInt(1),
                        y -> new EnumMap<>(PublishedFigure.class));
                for (int i = 0; i < sums.size(); i++) {
                    year.put(sums.get(i), rs.getLong(i + 2));
                }
            }, arguments(asOf, recordedAt));
        });
        java.util.SortedMap<Integer, Map<PublishedFigure, Long>> cumulated = new java.util.TreeMap<>();
        Map<PublishedFigure, Long> running = new EnumMap<>(PublishedFigure.class);
        figures.forEach(f -> running.put(f, 0L));
        perYear.forEach((year, sums) -> {
            sums.forEach((figure, value) -> running.merge(figure, value, Math::addExact));
            cumulated.put(year, new EnumMap<>(running));
        });
        return cumulated;
    }

    public Explanation explain(PublishedFigure figure, LocalDate asOf, Instant recordedAt, int page, int size) {
        String rows = figure.distinctKey() == null
                ? "SELECT global_index, event_id, business_date, recorded_at, kind, fact_id, " + figure.amount()
                        + " AS amount FROM " + figure.table() + " WHERE " + when(recordedAt) + " AND " + figure.filter()
                // a net distinct count: for each thing counted, the event through which it counts
                : "SELECT global_index, event_id, business_date, recorded_at, kind, fact_id, amount FROM ("
                        + NetCount.countedBy(dated(figure, recordedAt), figure.distinctKey(), figure.amount()) + ") counted";
        Object[] args = arguments(asOf, recordedAt);
        // the events and the figure in one pass: a sum is the sum of its events' parts, a net distinct count the
        // number of things counted, each through one event (part 1) — the same value all() answers
        long[] total = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM (" + rows + ") r",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, args);
        long events = total[0];
        long value = total[1];
        List<Object> paged = new ArrayList<>(List.of(args));
        paged.add(size);
        paged.add((long) page * size);
        List<Part> parts = jdbc.query("SELECT * FROM (" + rows + ") r ORDER BY business_date, global_index LIMIT ? OFFSET ?",
                (rs, i) -> new Part(rs.getLong("global_index"), rs.getString("event_id"),
                        rs.getDate("business_date").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("kind"), rs.getString("fact_id"), rs.getLong("amount")), paged.toArray());
        return new Explanation(figure.figureName(), asOf, recordedAt, value, events, page, size, parts);
    }

    /** The figure's table, rows dated on or before asOf (and recorded by recordedAt). */
    private static String dated(PublishedFigure figure, Instant recordedAt) {
        return "SELECT global_index, event_id, business_date, recorded_at, kind, fact_id, " + figure.distinctKey()
                + ", " + figure.amount() + " FROM " + figure.table() + " WHERE " + when(recordedAt);
    }

    private static String when(Instant recordedAt) {
        return recordedAt == null ? "business_date <= ?" : "business_date <= ? AND recorded_at <= ?";
    }

    private static Object[] arguments(LocalDate asOf, Instant recordedAt) {
        return recordedAt == null ? new Object[]{Date.valueOf(asOf)}
                : new Object[]{Date.valueOf(asOf), Timestamp.from(recordedAt)};
    }
}
