package cn.cq.fundledger.seedfund.query;

import static cn.cq.fundledger.seedfund.query.SeedSql.date;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.query.SeedQueries.RoundRow;
import cn.cq.fundledger.seedfund.query.SeedReports.BookEntry;
import cn.cq.fundledger.seedfund.query.SeedReports.Dimension;
import cn.cq.fundledger.seedfund.query.SeedReports.Valued;
import cn.cq.fundledger.seedfund.query.SeedValuation.Attribution;
import cn.cq.fundledger.seedfund.query.SeedValuation.Holding;
import cn.cq.fundledger.seedfund.query.SeedValuation.Mark;
import cn.cq.fundledger.system.NetCount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Explain this number" for every figure of the seed reports (portfolio rows and total, scale targets, investment
 * book), as of the same date and recorded instant as the report:
 * <ul>
 *   <li>a <b>sum</b> lists the events whose parts add up to it: the movements of {@code seed_movement} (an original
 *   fact and its reversal both appear, the reversal with the negated amount), or the rounds and investments a
 *   valuation figure is attributed to (follow-on capital, held value);</li>
 *   <li>a <b>count of projects</b> lists one event per project counted, with part 1: the movement through which the
 *   project is counted, i.e. the last one (by business date, then as recorded) at which the running sum of the
 *   project's investments went from zero to more than zero;</li>
 *   <li>a <b>derived figure</b> (a multiple, the leverage, a target's progress, reached, due) gives its formula and
 *   its components, each a sum explained with its own events (paged as asked); the formula applied to the
 *   components' values gives the figure.</li>
 * </ul>
 * Parts are ordered by business date, then as recorded (global position), then event id.
 */
@Component
public class SeedExplanations {

    /** One event's part in a report figure; {@code kind} is the movement's kind, or FOLLOW_ON_ROUND, SCALE_TARGET. */
    public record Part(long position, String eventId, LocalDate businessDate, Instant recordedAt, String kind,
                       String factId, String fundId, String investmentId, String projectId, long amount) {

        Part withAmount(long newAmount) {
            return new Part(position, eventId, businessDate, recordedAt, kind, factId, fundId, investmentId, projectId,
                    newAmount);
        }
    }

    /** An explanation of either shape. */
    public sealed interface Explained permits Explanation, DerivedExplanation {
    }

    /**
     * A page of the events behind a sum or a count; over all pages their amounts add up to {@code value}, and there
     * are {@code events} of them.
     */
    public record Explanation(String report, String key, String figure, LocalDate asOf, Instant recordedAt, long value,
                              long events, int page, int size, List<Part> parts) implements Explained {
    }

    /**
     * A figure computed from others: {@code value} exactly as the report prints it, the {@code formula}, and its
     * {@code components}, each a sum with its own page of events. It has no events of its own ({@code events} 0,
     * {@code parts} empty).
     */
    public record DerivedExplanation(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                                     Object value, String formula, List<Explanation> components, long events, int page,
                                     int size, List<Part> parts) implements Explained {
    }

    /** The figures of a portfolio row that are sums over seed_movement, as expressions over its columns. */
    private static final Map<String, String> MOVEMENT_SUMS = Map.ofEntries(Map.entry("investments", "investments"),
            Map.entry("investedFen", "invested_fen"),
            Map.entry("activeInvestments", "investments - exits - write_offs"), Map.entry("activeFen", "active_fen"),
            Map.entry("exitedInvestments", "exits"), Map.entry("exitedCostFen", "exited_cost_fen"),
            Map.entry("writtenOffInvestments", "write_offs"), Map.entry("writtenOffFen", "written_off_fen"),
            Map.entry("proceedsFen", "proceeds_fen"), Map.entry("cityProceedsFen", "city_proceeds_fen"),
            Map.entry("partnerProceedsFen", "partner_proceeds_fen"), Map.entry("committedFen", "committed_fen"));

    private static final String MULTIPLE = ", four decimals rounded half-even; null when the denominator is 0";

    /** The derived figures of a portfolio row: formula and components. */
    private static final Map<String, Derivation> PORTFOLIO_DERIVED = Map.of(
            "realisedMultiple", new Derivation("proceedsFen / (exitedCostFen + writtenOffFen)" + MULTIPLE,
                    List.of("proceedsFen", "exitedCostFen", "writtenOffFen"),
                    c -> SeedValuation.multiple(c.get(0), c.get(1) + c.get(2))),
            "followOnLeverage", new Derivation("followOnFen / investedFen" + MULTIPLE,
                    List.of("followOnFen", "investedFen"), c -> SeedValuation.multiple(c.get(0), c.get(1))),
            "totalValueMultiple", new Derivation("(proceedsFen + heldValueFen) / investedFen" + MULTIPLE,
                    List.of("proceedsFen", "heldValueFen", "investedFen"),
                    c -> SeedValuation.multiple(c.get(0) + c.get(1), c.get(2))));

    /** The derived figures of a scale target's progress: formula and components. */
    private static final Map<String, Derivation> TARGET_DERIVED = Map.of(
            "progressBp", new Derivation("committedFen × 10000 / targetFen in basis points, rounded half-even; 0 when "
                    + "targetFen is 0", List.of("committedFen", "targetFen"),
                    c -> SeedValuation.basisPoints(c.get(0), c.get(1))),
            "progress", new Derivation("committedFen / targetFen as a percentage with two decimals, rounded half-even; "
                    + "\"0%\" when targetFen is 0", List.of("committedFen", "targetFen"),
                    c -> SeedValuation.percent(c.get(0), c.get(1))),
            "investedProgressBp", new Derivation("investedFen × 10000 / targetFen in basis points, rounded half-even; "
                    + "0 when targetFen is 0", List.of("investedFen", "targetFen"),
                    c -> SeedValuation.basisPoints(c.get(0), c.get(1))),
            "investedProgress", new Derivation("investedFen / targetFen as a percentage with two decimals, rounded "
                    + "half-even; \"0%\" when targetFen is 0", List.of("investedFen", "targetFen"),
                    c -> SeedValuation.percent(c.get(0), c.get(1))),
            "reached", new Derivation("committedFen >= targetFen", List.of("committedFen", "targetFen"),
                    c -> c.get(0) >= c.get(1)));

    private static final List<String> BOOK_FIGURES = List.of("totalRows", "amountFen", "proceedsFen",
            "cityProceedsFen", "partnerProceedsFen", "heldValueFen", "followOnFen");

    /** A formula over the values of named component figures. */
    private record Derivation(String formula, List<String> components, Function<List<Long>, Object> compute) {
    }

    private final JdbcTemplate jdbc;
    private final SeedReports reports;

    public SeedExplanations(JdbcTemplate jdbc, SeedReports reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    // ---------------------------------------------------------------- the figures each report explains

    /** The figures of a portfolio row ({@code total}: of the total row) that can be explained. */
    public static Set<String> portfolioFigures(Dimension by, boolean total) {
        Set<String> figures = new TreeSet<>(MOVEMENT_SUMS.keySet());
        figures.addAll(List.of("projects", "followOnFen", "heldValueFen"));
        figures.addAll(PORTFOLIO_DERIVED.keySet());
        if (total) {
            figures.add("followOnWithoutSeedFen");
        } else if (by != Dimension.FUND) {
            figures.remove("committedFen");
        }
        return figures;
    }

    /** The figures of a scale target's progress that can be explained. */
    public static Set<String> targetFigures() {
        Set<String> figures = new TreeSet<>(List.of("committedFen", "investedFen", "targetFen", "due"));
        figures.addAll(TARGET_DERIVED.keySet());
        return figures;
    }

    /** The figures of the investment book that can be explained (its sums, or a row's own with investmentId). */
    public static Set<String> bookFigures() {
        return new TreeSet<>(BOOK_FIGURES);
    }

    // ---------------------------------------------------------------- portfolio

    /**
     * The events behind one figure of one row of a portfolio breakdown ({@code key} null: the total row), as the
     * report computed it.
     */
    public Explained explainPortfolio(Dimension by, String key, String figure, LocalDate asOf, Instant recordedAt,
                                      int page, int size) {
        String report = "portfolio/" + by.name().toLowerCase();
        String rowKey = key == null ? "total" : key;
        Derivation derived = PORTFOLIO_DERIVED.get(figure);
        if (derived != null) {
            List<Explanation> components = new ArrayList<>();
            for (String component : derived.components()) {
                components.add((Explanation) explainPortfolio(by, key, component, asOf, recordedAt, page, size));
            }
            return derived(report, rowKey, figure, asOf, recordedAt, derived, components, page, size);
        }
        String sum = MOVEMENT_SUMS.get(figure);
        if (sum != null) {
            return paged(report, rowKey, figure, asOf, recordedAt, new SeedSql("SELECT x.*, " + sum
                    + " AS amount FROM (").add(rowMovements(by, key, asOf, recordedAt)).add(") x WHERE " + sum
                    + " <> 0"), page, size);
        }
        if (figure.equals("projects")) {
            return paged(report, rowKey, figure, asOf, recordedAt, projectsCounted(rowMovements(by, key, asOf,
                    recordedAt)), page, size);
        }
        Valued valued = reports.valued(asOf, recordedAt);
        Predicate<Holding> inRow = h -> key == null || by.keyOf(h).equals(key);
        List<Part> parts = switch (figure) {
            case "followOnFen" -> followOnParts(valued, inRow);
            case "heldValueFen" -> heldParts(valued, inRow, investmentParts(asOf, recordedAt));
            case "followOnWithoutSeedFen" -> valued.attributions().stream().filter(a -> a.holding() == null)
                    .map(a -> roundPart(valued.round(a.round().roundId()), null, a.amountFen())).toList();
            default -> throw new IllegalArgumentException("not a figure of the portfolio: " + figure);
        };
        return paged(report, rowKey, figure, asOf, recordedAt, parts, page, size);
    }

    /** The movements of one row of a breakdown ({@code key} null: all of them, the total row). */
    private static SeedSql rowMovements(Dimension by, String key, LocalDate asOf, Instant recordedAt) {
        if (key == null) {
            return SeedSql.movements("'total'", asOf, recordedAt);
        }
        SeedSql movements = SeedSql.movements(by.column(), asOf, recordedAt);
        if (by == Dimension.YEAR) {
            movements.add(" AND m.vintage_year IS NOT NULL");
        }
        return new SeedSql("SELECT rm.* FROM (").add(movements).add(") rm WHERE rm.k = ?", key);
    }

    /**
     * One movement per project counted, with part 1: the last movement (by business date, then as recorded) at which
     * the running sum of the project's investments went from zero to more than zero, for the projects whose
     * investments add up to more than zero.
     */
    private static SeedSql projectsCounted(SeedSql movements) {
        NetCount.Around counted = NetCount.countedBy("project_id", "investments");
        return new SeedSql(counted.before()).add(movements).add(counted.after());
    }

    /** Each round's capital attributed to an investment held: the round's event, the amount attributed. */
    private static List<Part> followOnParts(Valued valued, Predicate<Holding> counted) {
        List<Part> parts = new ArrayList<>();
        for (Attribution a : valued.attributions()) {
            if (a.holding() != null && counted.test(a.holding()) && a.amountFen() != 0) {
                parts.add(roundPart(valued.round(a.round().roundId()), a.holding(), a.amountFen()));
            }
        }
        return parts;
    }

    /**
     * The mark of each active investment held: the event of the round that marks it (stake × post-money), or the
     * investment's own event when it is held at cost.
     */
    private static List<Part> heldParts(Valued valued, Predicate<Holding> counted, Map<String, Part> investments) {
        List<Part> parts = new ArrayList<>();
        for (Holding h : valued.holdings()) {
            Mark mark = valued.marks().get(h.investmentId());
            if (!counted.test(h) || mark.valueFen() == 0) {
                continue;
            }
            parts.add(mark.roundId() != null ? roundPart(valued.round(mark.roundId()), h, mark.valueFen())
                    : investments.get(h.investmentId()).withAmount(mark.valueFen()));
        }
        return parts;
    }

    private static Part roundPart(RoundRow round, Holding holding, long amount) {
        return new Part(round.position(), round.eventId(), round.round().closedOn(), round.recordedAt(),
                "FOLLOW_ON_ROUND", round.round().roundId(), holding == null ? null : holding.fundId(),
                holding == null ? null : holding.investmentId(), round.round().projectId(), amount);
    }

    /** The movements of a kind (INVESTMENT, EXIT) as of the date and instant, by fact id, with no amount yet. */
    private Map<String, Part> movementParts(String kind, LocalDate asOf, Instant recordedAt) {
        SeedSql sql = new SeedSql("SELECT m.*, 0 AS amount FROM seed_movement m WHERE m.kind = ? AND "
                + "m.business_date <= ?", kind, date(asOf)).recorded("m.recorded_at", recordedAt);
        Map<String, Part> parts = new HashMap<>();
        jdbc.query(sql.text(), rs -> {
            Part part = part(rs);
            parts.put(part.factId(), part);
        }, sql.args());
        return parts;
    }

    private Map<String, Part> investmentParts(LocalDate asOf, Instant recordedAt) {
        return movementParts("INVESTMENT", asOf, recordedAt);
    }

    // ---------------------------------------------------------------- scale targets

    /** The events behind one figure of the progress towards the target of {@code targetDate}. */
    public Explained explainTarget(LocalDate targetDate, String figure, LocalDate asOf, Instant recordedAt, int page,
                                   int size) {
        SeedSql sql = new SeedSql("SELECT t.global_index, t.event_id, t.target_date AS business_date, t.recorded_at, "
                + "'SCALE_TARGET' AS kind, CONCAT('target@', CAST(t.target_date AS VARCHAR(10))) AS fact_id, "
                + "CAST(NULL AS VARCHAR(64)) AS fund_id, CAST(NULL AS VARCHAR(64)) AS investment_id, "
                + "CAST(NULL AS VARCHAR(64)) AS project_id, t.target_fen AS amount FROM seed_target t "
                + "WHERE t.target_date = ?", date(targetDate)).recorded("t.recorded_at", recordedAt);
        List<Part> target = jdbc.query(sql.text(), (rs, i) -> part(rs), sql.args());
        if (target.isEmpty()) {
            throw RuleViolation.notFound("targetDate", "unknown-target", "no scale target for " + targetDate
                    + " is recorded" + (recordedAt == null ? "" : " at " + recordedAt));
        }
        String report = "target";
        String key = targetDate.toString();
        if (figure.equals("due")) {
            return new DerivedExplanation(report, key, figure, asOf, recordedAt, !asOf.isBefore(targetDate),
                    "asOf (" + asOf + ") is on or after targetDate (" + targetDate + ")", List.of(), 0, page, size,
                    List.of());
        }
        Derivation derived = TARGET_DERIVED.get(figure);
        if (derived != null) {
            List<Explanation> components = new ArrayList<>();
            for (String component : derived.components()) {
                components.add((Explanation) explainTarget(targetDate, component, asOf, recordedAt, page, size));
            }
            return derived(report, key, figure, asOf, recordedAt, derived, components, page, size);
        }
        return switch (figure) {
            case "targetFen" -> paged(report, key, figure, asOf, recordedAt, target, page, size);
            case "committedFen", "investedFen" -> {
                Explanation total = (Explanation) explainPortfolio(Dimension.FUND, null, figure, asOf, recordedAt,
                        page, size);
                yield new Explanation(report, key, figure, asOf, recordedAt, total.value(), total.events(), page, size,
                        total.parts());
            }
            default -> throw new IllegalArgumentException("not a figure of a target: " + figure);
        };
    }

    // ---------------------------------------------------------------- investment book

    /**
     * The events behind one of the investment book's sums over the rows of a filter (each null: any), or behind a
     * row's own figure when {@code investmentId} is given.
     */
    public Explanation explainBook(String figure, LocalDate asOf, Instant recordedAt, String fundId, String instrument,
                                   String status, String investmentId, int page, int size) {
        List<BookEntry> entries = reports.bookEntries(asOf, recordedAt, fundId, instrument, status, investmentId);
        Map<String, Part> investments = investmentParts(asOf, recordedAt);
        List<BookEntry> counted = entries.stream().filter(e -> !e.booked().reversed()).toList();
        Set<String> ids = new TreeSet<>();
        counted.forEach(e -> ids.add(e.booked().holding().investmentId()));
        List<Part> parts = new ArrayList<>();
        switch (figure) {
            case "totalRows" -> entries.forEach(e -> parts.add(investments.get(e.booked().holding().investmentId())
                    .withAmount(1)));
            case "amountFen" -> counted.forEach(e -> parts.add(investments.get(e.booked().holding().investmentId())
                    .withAmount(e.booked().holding().amountFen())));
            case "proceedsFen", "cityProceedsFen", "partnerProceedsFen" -> {
                Map<String, Part> exits = movementParts("EXIT", asOf, recordedAt);
                for (BookEntry e : counted) {
                    if (e.exit() == null) {
                        continue;
                    }
                    long amount = switch (figure) {
                        case "proceedsFen" -> e.exit().proceedsFen();
                        case "cityProceedsFen" -> e.exit().cityProceedsFen();
                        default -> e.exit().partnerProceedsFen();
                    };
                    if (amount != 0) {
                        parts.add(exits.get(e.exit().exitId()).withAmount(amount));
                    }
                }
            }
            case "heldValueFen" -> parts.addAll(heldParts(reports.valued(asOf, recordedAt),
                    h -> ids.contains(h.investmentId()), investments));
            case "followOnFen" -> parts.addAll(followOnParts(reports.valued(asOf, recordedAt),
                    h -> ids.contains(h.investmentId())));
            default -> throw new IllegalArgumentException("not a figure of the investment book: " + figure);
        }
        return paged("investment-book", investmentId == null ? "sums" : investmentId, figure, asOf, recordedAt, parts,
                page, size);
    }

    // ---------------------------------------------------------------- paging

    private DerivedExplanation derived(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                                       Derivation derivation, List<Explanation> components, int page, int size) {
        List<Long> values = components.stream().map(Explanation::value).toList();
        return new DerivedExplanation(report, key, figure, asOf, recordedAt, derivation.compute().apply(values),
                derivation.formula(), components, 0, page, size, List.of());
    }

    /** A page of the rows of a statement that has the columns of seed_movement and {@code amount}. */
    private Explanation paged(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                              SeedSql rows, int page, int size) {
        SeedSql sum = new SeedSql("SELECT COALESCE(SUM(r.amount), 0), COUNT(*) FROM (").add(rows).add(") r");
        long[] totals = jdbc.queryForObject(sum.text(), (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)},
                sum.args());
        SeedSql pageSql = new SeedSql("SELECT * FROM (").add(rows).add(") r ORDER BY r.business_date, "
                + "r.global_index, r.event_id LIMIT ? OFFSET ?");
        List<Part> parts = jdbc.query(pageSql.text(), (rs, i) -> part(rs), pageSql.args(size, (long) page * size));
        return new Explanation(report, key, figure, asOf, recordedAt, totals[0], totals[1], page, size, parts);
    }

    /** A page of parts computed here, in the order of the movements' explanations. */
    private static Explanation paged(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                                     List<Part> all, int page, int size) {
        List<Part> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(Part::businessDate).thenComparingLong(Part::position)
                .thenComparing(Part::eventId)
                .thenComparing(Part::investmentId, Comparator.nullsFirst(Comparator.naturalOrder())));
        long value = sorted.stream().mapToLong(Part::amount).sum();
        int from = (int) Math.min((long) page * size, sorted.size());
        int to = Math.min(from + size, sorted.size());
        return new Explanation(report, key, figure, asOf, recordedAt, value, sorted.size(), page, size,
                List.copyOf(sorted.subList(from, to)));
    }

    private static Part part(ResultSet rs) throws SQLException {
        return new Part(rs.getLong("global_index"), rs.getString("event_id"),
                rs.getDate("business_date").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("kind"), rs.getString("fact_id"), rs.getString("fund_id"), rs.getString("investment_id"),
                rs.getString("project_id"), rs.getLong("amount"));
    }
}
