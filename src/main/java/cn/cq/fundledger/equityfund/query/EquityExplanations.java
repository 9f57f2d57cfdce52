package cn.cq.fundledger.equityfund.query;

import static cn.cq.fundledger.equityfund.query.DealValuations.localDate;

import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.equityfund.query.DealValuations.EventRef;
import cn.cq.fundledger.equityfund.query.DealValuations.Valued;
import cn.cq.fundledger.system.NetCount;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Explain this number" for every figure the equity reports publish: the events that make it up, paged, adding up
 * to it (money sums, counts), or, for a ratio, its formula and its component figures, each with its own events.
 *
 * <ul>
 *   <li>Sums over the movements (committed, called, invested, deals, ...) list each movement, a reversal's negative
 *       one included, with its part of the figure.</li>
 *   <li>{@code projects} lists, for each project that counts, the one event through which it counts: the movement
 *       at which the running sum of its {@code deals} (by business date, then as recorded) last went from zero to
 *       positive, with amount 1.</li>
 *   <li>{@code funds} (of the total) lists each fund's establishment, {@code unmarkedDeals} each deal valued at cost,
 *       with amount 1.</li>
 *   <li>{@code navFen} lists, for each deal still held, the event whose value is in force (its latest mark not
 *       reversed, or its closing when valued at cost) with the value it contributes and how it was derived.</li>
 *   <li>{@code heldBp} and {@code stakeBp} of one deal list its closing, exits and reversals in basis points.</li>
 *   <li>{@code dpi} and {@code tvpi} give the multiple as {@code value}, the formula and their components ({@code distributedFen},
 *       {@code navFen}, {@code calledFen}) each explained as above, on the same page.</li>
 * </ul>
 * Everything is read as of the business date and, with {@code recordedAt}, as the ledger had it then, like the
 * reports, so an explanation always adds up to the figure the report shows for the same arguments.
 */
@Component
public class EquityExplanations {

    /** Where a figure is published: a fund's row, the funds' total, a partner's row, the deal book, one deal. */
    public enum Scope { FUND, TOTAL, PARTNER, BOOK, DEAL }

    /**
     * How a deal's NAV part was derived: by its mark ({@code markValueFen} × {@code heldBp} / {@code heldAtMarkBp},
     * half-even) or at cost ({@code costHeldFen}).
     */
    public record Valuation(String basis, Long markValueFen, LocalDate markedOn, int heldBp, Integer heldAtMarkBp,
                            long costHeldFen) {
    }

    /** One event's part in a figure ({@code partner}: only for a partner's figure; {@code valuation}: for NAV). */
    public record Part(long position, String eventId, LocalDate businessDate, Instant recordedAt, String kind,
                       String factId, String dealId, String partner, long amount, Valuation valuation) {
    }

    /** A component of a derived figure: its value and a page of the events that make it up. */
    public record ComponentFigure(String figure, long value, long events, List<Part> parts) {
    }

    /**
     * A page of the explanation of one figure; {@code value} is the figure as the report prints it. For a figure
     * made of events, {@code parts} (of {@code events} in all) add up to it over all pages. For a ratio, {@code value}
     * is the multiple's text (null when nothing is paid in), {@code formula} how it is computed, and
     * {@code components} the figures it is computed from, each with its own events.
     */
    public record Explanation(String fundId, String partner, String dealId, String figure, LocalDate asOf,
                              Instant recordedAt, Object value, String formula, long events, int page,
                              int size, List<Part> parts, List<ComponentFigure> components) {
    }

    private enum Kind { SUM, PROJECTS, FUNDS, NAV, UNMARKED, HELD, STAKE, RATIO }

    /** A figure: how it is computed ({@code expression}: of a sum; {@code numerator}: of a ratio over calledFen). */
    private record Figure(Kind kind, String expression, List<String> numerator, String formula) {

        static Figure sum(String expression, String formula) {
            return new Figure(Kind.SUM, expression, List.of(), formula);
        }

        static Figure of(Kind kind, String formula) {
            return new Figure(kind, null, List.of(), formula);
        }

        static Figure ratio(List<String> numerator, String formula) {
            return new Figure(Kind.RATIO, null, numerator, formula);
        }
    }

    private static final Map<Scope, Map<String, Figure>> FIGURES = figures();

    private static Map<Scope, Map<String, Figure>> figures() {
        Map<String, Figure> fund = new LinkedHashMap<>();
        fund.put("committedFen", Figure.sum("committed_fen", "committedFen = Σ committed over the movements"));
        fund.put("calledFen", Figure.sum("called_fen", "calledFen = Σ called over the movements (= paid in)"));
        fund.put("uncalledFen", Figure.sum("committed_fen - called_fen",
                "uncalledFen = Σ (committed − called) over the movements"));
        fund.put("investedFen", Figure.sum("invested_fen", "investedFen = Σ invested (deal amounts) over the movements"));
        fund.put("deals", Figure.sum("deals", "deals = Σ deals over the movements (a deal +1, its reversal −1)"));
        fund.put("projects", Figure.of(Kind.PROJECTS, "projects = number of project ids whose movements' deals add up "
                + "to more than 0; each is listed once, at the movement where that sum last became positive"));
        fund.put("exitedCostFen", Figure.sum("exited_cost_fen", "exitedCostFen = Σ exited cost over the movements"));
        fund.put("proceedsFen", Figure.sum("proceeds_fen", "proceedsFen = Σ exit proceeds over the movements"));
        fund.put("distributedFen", Figure.sum("distributed_fen", "distributedFen = Σ distributed over the movements"));
        fund.put("undistributedFen", Figure.sum("proceeds_fen - distributed_fen",
                "undistributedFen = Σ (proceeds − distributed) over the movements"));
        fund.put("navFen", Figure.of(Kind.NAV, "navFen = Σ over the deals still held: the latest mark not reversed on "
                + "or before asOf × heldBp / heldAtMarkBp (half-even), or the cost held when never marked"));
        fund.put("unmarkedDeals", Figure.of(Kind.UNMARKED, "unmarkedDeals = number of deals still held with no mark "
                + "on or before asOf (valued at cost)"));
        fund.put("dpi", Figure.ratio(List.of("distributedFen"), "dpi = distributedFen / calledFen, four decimals, "
                + "half-even; null while calledFen is 0"));
        fund.put("tvpi", Figure.ratio(List.of("distributedFen", "navFen"), "tvpi = (distributedFen + navFen) / "
                + "calledFen, four decimals, half-even; null while calledFen is 0"));
        Map<String, Figure> total = new LinkedHashMap<>(fund);
        total.put("funds", Figure.of(Kind.FUNDS, "funds = number of funds established on or before asOf"));
        Map<String, Figure> partner = new LinkedHashMap<>();
        partner.put("committedFen", Figure.sum("committed_fen", "committedFen = Σ the partner's part of commitments"));
        partner.put("calledFen", Figure.sum("called_fen", "calledFen = Σ the partner's part of calls"));
        partner.put("uncalledFen", Figure.sum("committed_fen - called_fen",
                "uncalledFen = Σ the partner's part of (committed − called)"));
        partner.put("distributedFen", Figure.sum("distributed_fen",
                "distributedFen = Σ the partner's part of distributions"));
        partner.put("dpi", fund.get("dpi"));
        Map<String, Figure> book = new LinkedHashMap<>();
        book.put("amountFen", Figure.sum("invested_fen", "amountFen = Σ deal amounts (a reversal negative)"));
        book.put("exitedCostFen", fund.get("exitedCostFen"));
        book.put("costHeldFen", Figure.sum("invested_fen - exited_cost_fen",
                "costHeldFen = Σ (invested − exited cost) over the deals' movements"));
        book.put("proceedsFen", fund.get("proceedsFen"));
        book.put("navFen", fund.get("navFen"));
        Map<String, Figure> deal = new LinkedHashMap<>(book);
        deal.put("heldBp", Figure.of(Kind.HELD, "heldBp = 10000 at closing − the portion of each exit (a reversal "
                + "undoing its fact)"));
        deal.put("stakeBp", Figure.of(Kind.STAKE, "stakeBp = the stake recorded at closing"));
        return Map.of(Scope.FUND, fund, Scope.TOTAL, total, Scope.PARTNER, partner, Scope.BOOK, book,
                Scope.DEAL, deal);
    }

    private final JdbcTemplate jdbc;
    private final DealValuations valuations;

    public EquityExplanations(JdbcTemplate jdbc, DealValuations valuations) {
        this.jdbc = jdbc;
        this.valuations = valuations;
    }

    /** The figures that can be explained where they are published. */
    public static Set<String> figures(Scope scope) {
        return FIGURES.get(scope).keySet();
    }

    /**
     * The explanation of one figure as of the date (and as recorded by {@code recordedAt}, null: all): of the fund
     * {@code fundId} (FUND, PARTNER with {@code partner}; BOOK when given), of all funds (TOTAL, BOOK without fund),
     * or of one deal (DEAL, {@code dealId}).
     */
    public Explanation explain(Scope scope, String fundId, String partner, String dealId, String figure,
                               LocalDate asOf, Instant recordedAt, int page, int size) {
        Figure definition = FIGURES.get(scope).get(figure);
        if (definition == null) {
            throw new IllegalArgumentException(figure + " is not a figure of " + scope);
        }
        Where where = new Where(scope, fundId, partner, dealId, asOf, recordedAt);
        if (definition.kind() == Kind.RATIO) {
            List<ComponentFigure> components = new ArrayList<>();
            long numerator = 0;
            for (String name : definition.numerator()) {
                ComponentFigure component = component(where, name, page, size);
                numerator += component.value();
                components.add(component);
            }
            ComponentFigure paidIn = component(where, "calledFen", page, size);
            components.add(paidIn);
            return new Explanation(fundId, partner, dealId, figure, asOf, recordedAt,
                    EquityReports.multiple(numerator, paidIn.value()), definition.formula(), 0, page, size, List.of(),
                    components);
        }
        Events events = events(where, definition);
        return new Explanation(fundId, partner, dealId, figure, asOf, recordedAt, events.value,
                definition.formula(), events.count, page, size, events.page(page, size), null);
    }

    private ComponentFigure component(Where where, String figure, int page, int size) {
        Events events = events(where, FIGURES.get(where.scope).get(figure));
        return new ComponentFigure(figure, events.value, events.count, events.page(page, size));
    }

    private Events events(Where where, Figure figure) {
        return switch (figure.kind()) {
            case SUM -> sum(where, figure.expression());
            case PROJECTS -> projects(where);
            case FUNDS -> funds(where);
            case NAV -> nav(where);
            case UNMARKED -> unmarked(where);
            case HELD -> held(where);
            case STAKE -> stake(where);
            case RATIO -> throw new IllegalStateException("a ratio is not made of events");
        };
    }

    /** The movements the report sums (same rows, dates and recorded instant) whose part is not zero. */
    private Events sum(Where where, String amount) {
        List<Object> args = new ArrayList<>();
        String rows = where.scope == Scope.PARTNER
                ? "SELECT m.event_id, m.global_index, m.partner_position, m.business_date, m.recorded_at, m.kind, "
                + "m.fact_id, CAST(NULL AS VARCHAR(64)) AS deal_id, m.partner, " + amount + " AS amount "
                + "FROM equity_partner_movement m"
                : "SELECT m.event_id, m.global_index, 0 AS partner_position, m.business_date, m.recorded_at, m.kind, "
                + "m.fact_id, m.deal_id, CAST(NULL AS VARCHAR(200)) AS partner, " + amount + " AS amount "
                + "FROM equity_movement m";
        rows += " WHERE " + where.dated("m", args) + " AND " + amount + " <> 0";
        switch (where.scope) {
            case FUND -> {
                rows += " AND m.fund_id = ?";
                args.add(where.fundId);
            }
            case PARTNER -> {
                rows += " AND m.fund_id = ? AND m.partner = ?";
                args.add(where.fundId);
                args.add(where.partner);
            }
            case BOOK -> {
                rows += " AND m.deal_id IS NOT NULL";
                if (where.fundId != null) {
                    rows += " AND m.fund_id = ?";
                    args.add(where.fundId);
                }
            }
            case DEAL -> {
                rows += " AND m.deal_id = ?";
                args.add(where.dealId);
            }
            case TOTAL -> {
                // every fund
            }
        }
        List<Part> parts = jdbc.query(rows + " ORDER BY m.business_date, m.global_index, 3, m.event_id",
                (rs, i) -> new Part(rs.getLong(2), rs.getString(1), localDate(rs, 4), rs.getTimestamp(5).toInstant(),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), null),
                args.toArray());
        return new Events(parts);
    }

    /** For each project that counts, the movement through which it counts (where its deals last became positive). */
    private Events projects(Where where) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT event_id, global_index, business_date, recorded_at, kind, fact_id, deal_id, project_id, "
                + "deals FROM equity_movement WHERE " + where.dated("equity_movement", args)
                + " AND project_id IS NOT NULL";
        if (where.scope == Scope.FUND) {
            sql += " AND fund_id = ?";
            args.add(where.fundId);
        }
        return new Events(jdbc.query(NetCount.countedBy(sql, "project_id", "deals"),
                (rs, i) -> new Part(rs.getLong("global_index"), rs.getString("event_id"),
                        rs.getDate("business_date").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("kind"), rs.getString("fact_id"), rs.getString("deal_id"), null, 1, null),
                args.toArray()));
    }

    /** Each fund established on or before the date (and recorded by the instant), by its establishment. */
    private Events funds(Where where) {
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(where.asOf)));
        String sql = "SELECT event_id, global_index, established_on, recorded_at, fund_id FROM equity_fund "
                + "WHERE established_on <= ?";
        if (where.recordedAt != null) {
            sql += " AND recorded_at <= ?";
            args.add(Timestamp.from(where.recordedAt));
        }
        return new Events(jdbc.query(sql, (rs, i) -> new Part(rs.getLong(2), rs.getString(1), localDate(rs, 3),
                rs.getTimestamp(4).toInstant(), "FUND", rs.getString(5), null, null, 1, null), args.toArray()));
    }

    /** Each deal still held, by the event whose value is in force, with the value it contributes. */
    private Events nav(Where where) {
        List<Part> parts = new ArrayList<>();
        for (Valued valued : valued(where)) {
            DealValue v = valued.value();
            if ("MARK".equals(v.navBasis())) {
                parts.add(part(valued.mark(), "MARK", v.dealId() + "@" + v.markedOn(), v, v.navFen()));
            } else if ("COST".equals(v.navBasis())) {
                parts.add(part(valued.deal(), "DEAL", v.dealId(), v, v.navFen()));
            }
        }
        return new Events(parts);
    }

    /** Each deal still held and valued at cost (never marked by the date), by its closing. */
    private Events unmarked(Where where) {
        List<Part> parts = new ArrayList<>();
        for (Valued valued : valued(where)) {
            if ("COST".equals(valued.value().navBasis())) {
                parts.add(part(valued.deal(), "DEAL", valued.value().dealId(), valued.value(), 1));
            }
        }
        return new Events(parts);
    }

    private List<Valued> valued(Where where) {
        String fund = where.scope == Scope.FUND || where.scope == Scope.BOOK ? where.fundId : null;
        String deal = where.scope == Scope.DEAL ? where.dealId : null;
        return valuations.book(where.asOf, where.recordedAt, fund, deal).live();
    }

    private static Part part(EventRef event, String kind, String factId, DealValue v, long amount) {
        Valuation valuation = new Valuation(v.navBasis(), v.markValueFen(), v.markedOn(), v.heldBp(),
                v.heldAtMarkBp(), v.costHeldFen());
        return new Part(event.position(), event.eventId(), event.businessDate(), event.recordedAt(), kind, factId,
                v.dealId(), null, amount, valuation);
    }

    /** One deal's holding: its closing (+10000), each exit (−portion), and the reversals undoing those. */
    private Events held(Where where) {
        List<Part> parts = new ArrayList<>();
        Map<String, Long> portions = new HashMap<>();
        List<Object> args = new ArrayList<>();
        jdbc.query("SELECT event_id, global_index, closed_on, recorded_at, deal_id FROM equity_deal WHERE "
                + where.on("closed_on", args) + " AND deal_id = ?", rs -> {
                    parts.add(new Part(rs.getLong(2), rs.getString(1), localDate(rs, 3), rs.getTimestamp(4).toInstant(),
                            "DEAL", rs.getString(5), rs.getString(5), null, Ratio.ONE, null));
                    portions.put(rs.getString(1), (long) Ratio.ONE);
                }, with(args, where.dealId));
        args = new ArrayList<>();
        jdbc.query("SELECT event_id, global_index, exited_on, recorded_at, exit_id, deal_id, portion_bp FROM "
                + "equity_exit WHERE " + where.on("exited_on", args) + " AND deal_id = ?", rs -> {
                    parts.add(new Part(rs.getLong(2), rs.getString(1), localDate(rs, 3), rs.getTimestamp(4).toInstant(),
                            "EXIT", rs.getString(5), rs.getString(6), null, -rs.getLong(7), null));
                    portions.put(rs.getString(1), -rs.getLong(7));
                }, with(args, where.dealId));
        args = new ArrayList<>();
        jdbc.query("SELECT event_id, global_index, business_date, recorded_at, fact_id, deal_id, reverses_event_id "
                + "FROM equity_reversal WHERE " + where.on("business_date", args) + " AND deal_id = ? "
                + "AND kind IN ('DEAL', 'EXIT')", rs -> {
                    Long undone = portions.get(rs.getString(7));
                    if (undone != null) {
                        parts.add(new Part(rs.getLong(2), rs.getString(1), localDate(rs, 3),
                                rs.getTimestamp(4).toInstant(), "REVERSAL", rs.getString(5), rs.getString(6), null,
                                -undone, null));
                    }
                }, with(args, where.dealId));
        return new Events(parts);
    }

    /** One deal's stake, from its closing. */
    private Events stake(Where where) {
        List<Object> args = new ArrayList<>();
        return new Events(jdbc.query("SELECT event_id, global_index, closed_on, recorded_at, deal_id, stake_bp FROM "
                        + "equity_deal WHERE " + where.on("closed_on", args) + " AND deal_id = ?",
                (rs, i) -> new Part(rs.getLong(2), rs.getString(1), localDate(rs, 3), rs.getTimestamp(4).toInstant(),
                        "DEAL", rs.getString(5), rs.getString(5), null, rs.getLong(6), null),
                with(args, where.dealId)));
    }

    private static Object[] with(List<Object> args, Object last) {
        List<Object> all = new ArrayList<>(args);
        all.add(last);
        return all.toArray();
    }

    /** The scope and the point in time of an explanation. */
    private record Where(Scope scope, String fundId, String partner, String dealId, LocalDate asOf,
                         Instant recordedAt) {

        /** business_date on or before asOf, and recorded by recordedAt when given; adds the arguments. */
        String dated(String table, List<Object> args) {
            return on(table + ".business_date", args).replace("recorded_at", table + ".recorded_at");
        }

        /** The date column on or before asOf, and recorded_at by recordedAt when given; adds the arguments. */
        String on(String dateColumn, List<Object> args) {
            args.add(Date.valueOf(asOf));
            if (recordedAt == null) {
                return dateColumn + " <= ?";
            }
            args.add(Timestamp.from(recordedAt));
            return dateColumn + " <= ? AND recorded_at <= ?";
        }
    }

    /** The events behind a figure, in the order of business date, then as recorded; their amounts make the value. */
    private static final class Events {
        final List<Part> parts;
        final long value;
        final long count;

        Events(List<Part> parts) {
            List<Part> sorted = new ArrayList<>(parts);
            // stable: a fact's partner parts keep the partners' order
            sorted.sort(Comparator.comparing(Part::businessDate).thenComparingLong(Part::position));
            this.parts = sorted;
            this.value = sorted.stream().mapToLong(Part::amount).sum();
            this.count = sorted.size();
        }

        List<Part> page(int page, int size) {
            long from = (long) page * size;
            if (from >= parts.size()) {
                return List.of();
            }
            return List.copyOf(parts.subList((int) from, (int) Math.min(parts.size(), from + size)));
        }
    }
}
