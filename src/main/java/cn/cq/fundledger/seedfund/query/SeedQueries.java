package cn.cq.fundledger.seedfund.query;

import static cn.cq.fundledger.seedfund.query.SeedSql.date;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.seedfund.query.SeedValuation.Holding;
import cn.cq.fundledger.seedfund.query.SeedValuation.Mark;
import cn.cq.fundledger.seedfund.query.SeedValuation.Round;
import cn.cq.fundledger.seedfund.query.SeedViews.CapVersionView;
import cn.cq.fundledger.seedfund.query.SeedViews.ExitView;
import cn.cq.fundledger.seedfund.query.SeedViews.FundView;
import cn.cq.fundledger.seedfund.query.SeedViews.InvestmentView;
import cn.cq.fundledger.seedfund.query.SeedViews.MovementView;
import cn.cq.fundledger.seedfund.query.SeedViews.ProjectView;
import cn.cq.fundledger.seedfund.query.SeedViews.ReversalView;
import cn.cq.fundledger.seedfund.query.SeedViews.RoundView;
import cn.cq.fundledger.seedfund.query.SeedViews.TargetVersionView;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the seed program's read model. Every money figure is a sum of movements dated on or before {@code asOf}; a
 * project counts when its investments add up to more than zero. A reversed fact is left out of every figure (its
 * reversal's movement nets it out) but still shown, marked as reversed, where facts are listed.
 */
@Component
public class SeedQueries {

    /** An investment as booked: its holding as of a date, and whether it was reversed as of the instant. */
    record Booked(Holding holding, boolean reversed) {
    }

    /** A follow-on round with its event, and whether it was reversed as of the instant. */
    record RoundRow(Round round, String eventId, long position, Instant recordedAt, boolean reversed) {
    }

    private final JdbcTemplate jdbc;

    public SeedQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- figures

    /** The program's figures as of a date; {@code projects} and {@code invested} are those of /api/totals. */
    public SeedFigures totals(LocalDate asOf) {
        return totals(asOf, null);
    }

    /** The program's figures as of a date, as the ledger had them at {@code recordedAt} (null: everything recorded). */
    public SeedFigures totals(LocalDate asOf, Instant recordedAt) {
        return figuresBy("'total'", false, asOf, recordedAt).getOrDefault("total", SeedFigures.NONE);
    }

    /**
     * The figures of each group of movements: by fund ({@code m.fund_id}), by year of investment, or all together
     * (a constant). {@code investmentsOnly} leaves out the movements that belong to no investment (funds, raises).
     */
    Map<String, SeedFigures> figuresBy(String keyColumn, boolean investmentsOnly, LocalDate asOf, Instant recordedAt) {
        SeedSql movements = SeedSql.movements(keyColumn, asOf, recordedAt);
        if (investmentsOnly) {
            movements.add(" AND m.vintage_year IS NOT NULL");
        }
        SeedSql counted = SeedSql.projectsCounted(movements);
        Map<String, Long> projects = new HashMap<>();
        jdbc.query(counted.text(), rs -> {
            projects.put(rs.getString(1), rs.getLong(2));
        }, counted.args());
        SeedSql sums = new SeedSql("SELECT x.k, " + SeedSql.SUMS + " FROM (").add(movements).add(") x GROUP BY x.k "
                + "ORDER BY x.k");
        Map<String, SeedFigures> figures = new LinkedHashMap<>();
        jdbc.query(sums.text(), rs -> {
            String key = rs.getString(1);
            figures.put(key, figures(projects.getOrDefault(key, 0L), rs, 2));
        }, sums.args());
        return figures;
    }

    // ---------------------------------------------------------------- funds

    /** Every local fund established on or before a date, with its figures as of that date. */
    public List<FundView> funds(LocalDate asOf) {
        return funds(asOf, "", new Object[0]);
    }

    public Optional<FundView> fund(String fundId, LocalDate asOf) {
        return funds(asOf, " AND fund_id = ?", new Object[]{fundId}).stream().findFirst();
    }

    private List<FundView> funds(LocalDate asOf, String filter, Object[] filterArgs) {
        Map<String, SeedFigures> figures = figuresBy("m.fund_id", false, asOf, null);
        SeedSql sql = new SeedSql("SELECT fund_id, name, partner, city_share_bp, established_on FROM seed_fund "
                + "WHERE established_on <= ?", date(asOf)).add(filter, filterArgs).add(" ORDER BY fund_id");
        return jdbc.query(sql.text(), (rs, i) -> {
            SeedFigures f = figures.getOrDefault(rs.getString(1), SeedFigures.NONE);
            return new FundView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), localDate(rs, 5),
                    asOf, f.committed(), f.investments(), f.projects(), f.invested(), f.committed() - f.invested(),
                    f.active(), f.proceeds(), f.cityProceeds(), f.partnerProceeds());
        }, sql.args());
    }

    // ---------------------------------------------------------------- investments and rounds

    /**
     * The investments booked (as of the instant, when given), each with whether it exited by {@code asOf} (an exit
     * counts unless it was reversed) and whether it was reversed; {@code where} narrows them ({@code i.} columns).
     */
    List<Booked> booked(LocalDate asOf, Instant recordedAt, SeedSql where) {
        SeedSql sql = new SeedSql("SELECT i.investment_id, i.fund_id, i.project_id, i.enterprise_name, i.instrument, "
                + "i.amount_fen, i.equity_bp, i.invested_on, CASE WHEN e.exit_id IS NULL THEN 0 ELSE 1 END, "
                + "CASE WHEN ").add(SeedSql.reversed("INVESTMENT", "i.investment_id", recordedAt))
                .add(" THEN 1 ELSE 0 END FROM seed_investment i LEFT JOIN seed_exit e ON e.investment_id = "
                        + "i.investment_id AND e.exited_on <= ?", date(asOf)).recorded("e.recorded_at", recordedAt)
                .add(" AND NOT ").add(SeedSql.reversed("EXIT", "e.exit_id", recordedAt))
                .add(" WHERE 1 = 1").recorded("i.recorded_at", recordedAt).add(where)
                .add(" ORDER BY i.invested_on, i.investment_id");
        return jdbc.query(sql.text(), (rs, i) -> new Booked(holding(rs), rs.getInt(10) == 1), sql.args());
    }

    /** The investments made on or before a date and not reversed: what the valuation and the reports hold. */
    List<Holding> holdings(LocalDate asOf, Instant recordedAt) {
        return booked(asOf, recordedAt, new SeedSql(" AND i.invested_on <= ?", date(asOf))).stream()
                .filter(b -> !b.reversed()).map(Booked::holding).toList();
    }

    /** The follow-on rounds closed on or before a date (recorded by the instant, when given), reversed ones too. */
    List<RoundRow> roundRows(LocalDate asOf, Instant recordedAt, SeedSql where) {
        SeedSql sql = new SeedSql("SELECT r.round_id, r.project_id, r.investor, r.amount_fen, r.post_money_fen, "
                + "r.closed_on, r.event_id, r.global_index, r.recorded_at, CASE WHEN ")
                .add(SeedSql.reversed("FOLLOW_ON_ROUND", "r.round_id", recordedAt))
                .add(" THEN 1 ELSE 0 END FROM seed_round r WHERE r.closed_on <= ?", date(asOf))
                .recorded("r.recorded_at", recordedAt).add(where).add(" ORDER BY r.closed_on, r.round_id");
        return jdbc.query(sql.text(), (rs, i) -> new RoundRow(new Round(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getLong(5), localDate(rs, 6)), rs.getString(7), rs.getLong(8),
                        rs.getTimestamp(9).toInstant(), rs.getInt(10) == 1),
                sql.args());
    }

    /** The rounds that mark stakes and attract nothing else: those not reversed. */
    List<Round> rounds(LocalDate asOf, Instant recordedAt) {
        return roundRows(asOf, recordedAt, new SeedSql("")).stream().filter(r -> !r.reversed())
                .map(RoundRow::round).toList();
    }

    /** The reversals recorded (by the instant, when given); {@code where} narrows them ({@code s.} columns). */
    List<ReversalView> reversals(Instant recordedAt, SeedSql where) {
        SeedSql sql = new SeedSql("SELECT s.kind, s.fact_id, s.investment_id, s.project_id, s.reason, s.event_id, "
                + "s.reverses_event_id, s.replaced_by, s.business_date, s.recorded_at FROM seed_reversal s WHERE 1 = 1")
                .recorded("s.recorded_at", recordedAt).add(where).add(" ORDER BY s.global_index, s.event_id");
        return jdbc.query(sql.text(), (rs, i) -> new ReversalView(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), localDate(rs, 9),
                rs.getTimestamp(10).toInstant()), sql.args());
    }

    /** Every reversal of a kind recorded (by the instant), by the reversed fact's id. */
    Map<String, ReversalView> reversalsOf(String kind, Instant recordedAt) {
        return reversals(recordedAt, new SeedSql(" AND s.kind = ?", kind)).stream()
                .collect(Collectors.toMap(ReversalView::factId, Function.identity()));
    }

    /** An investment's terms and where it stands as of a date, with the movements that make it. */
    public Optional<InvestmentView> investment(String investmentId, LocalDate asOf) {
        List<Booked> booked = booked(asOf, null, new SeedSql(" AND i.investment_id = ?", investmentId));
        if (booked.isEmpty()) {
            return Optional.empty();
        }
        Booked b = booked.get(0);
        return Optional.of(investmentView(b, asOf, rounds(asOf, null)));
    }

    /** A project's seed money across funds as of a date, the cap in force then, its investments and rounds. */
    public Optional<ProjectView> project(String projectId, LocalDate asOf) {
        List<Booked> booked = booked(asOf, null, new SeedSql(" AND i.invested_on <= ? AND i.project_id = ?",
                date(asOf), projectId));
        List<RoundRow> rounds = roundRows(asOf, null, new SeedSql(" AND r.project_id = ?", projectId));
        if (booked.isEmpty() && rounds.isEmpty()) {
            return Optional.empty();
        }
        List<Round> live = rounds.stream().filter(r -> !r.reversed()).map(RoundRow::round).toList();
        long invested = booked.stream().filter(b -> !b.reversed()).mapToLong(b -> b.holding().amountFen()).sum();
        long cap = capInForce(asOf);
        return Optional.of(new ProjectView(projectId, asOf, invested, cap, Math.max(0, cap - invested),
                booked.stream().map(b -> investmentView(b, asOf, live)).toList(), roundViews(rounds)));
    }

    /** Every follow-on round closed on or before a date, in date order; reversed ones with their reversal. */
    public List<RoundView> rounds(LocalDate asOf) {
        return roundViews(roundRows(asOf, null, new SeedSql("")));
    }

    private List<RoundView> roundViews(List<RoundRow> rows) {
        Map<String, ReversalView> reversals = rows.stream().anyMatch(RoundRow::reversed)
                ? reversalsOf("FOLLOW_ON_ROUND", null) : Map.of();
        return rows.stream().map(r -> new RoundView(r.round().roundId(), r.round().projectId(), r.round().investor(),
                r.round().amountFen(), r.round().postMoneyFen(), r.round().closedOn(),
                r.reversed() ? reversals.get(r.round().roundId()) : null)).toList();
    }

    /** The per-project cap in force on a date (0 when none is). */
    public long capInForce(LocalDate date) {
        Long cap = jdbc.query("SELECT cap_fen FROM seed_cap_version WHERE effective_from <= ? "
                + "ORDER BY effective_from DESC, global_index DESC", rs -> rs.next() ? rs.getLong(1) : 0L, Date.valueOf(date));
        return cap == null ? 0 : cap;
    }

    public List<CapVersionView> capVersions() {
        return jdbc.query("SELECT global_index, effective_from, cap_fen, recorded_by, recorded_at FROM seed_cap_version "
                        + "ORDER BY global_index, effective_from",
                (rs, i) -> new CapVersionView(rs.getLong(1), localDate(rs, 2), rs.getLong(3),
                        Money.ofFen(rs.getLong(3)).toDisplayString(), rs.getString(4), rs.getTimestamp(5).toInstant()));
    }

    public List<TargetVersionView> targets() {
        return jdbc.query("SELECT global_index, target_date, target_fen, recorded_by, recorded_at FROM seed_target "
                        + "ORDER BY target_date",
                (rs, i) -> new TargetVersionView(rs.getLong(1), localDate(rs, 2), rs.getLong(3),
                        Money.ofFen(rs.getLong(3)).toDisplayString(), rs.getString(4), rs.getTimestamp(5).toInstant()));
    }

    private InvestmentView investmentView(Booked b, LocalDate asOf, List<Round> liveRounds) {
        Holding h = b.holding();
        List<MovementView> movements = jdbc.query("SELECT global_index, event_id, business_date, kind, fact_id, "
                        + "invested_fen, active_fen, proceeds_fen, city_proceeds_fen, partner_proceeds_fen, written_off_fen "
                        + "FROM seed_movement WHERE investment_id = ? AND business_date <= ? "
                        + "ORDER BY business_date, global_index",
                (rs, i) -> new MovementView(rs.getLong(1), rs.getString(2), localDate(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11)), h.investmentId(), Date.valueOf(asOf));
        SeedSql exitSql = new SeedSql("SELECT e.exit_id, e.route, e.exited_on, e.cost_fen, e.proceeds_fen, "
                + "e.city_share_bp, e.city_proceeds_fen, e.partner_proceeds_fen, e.realised_gain_fen FROM seed_exit e "
                + "WHERE e.investment_id = ? AND e.exited_on <= ? AND NOT ", h.investmentId(), date(asOf))
                .add(SeedSql.reversed("EXIT", "e.exit_id", null));
        ExitView exit = jdbc.query(exitSql.text(),
                (rs, i) -> new ExitView(rs.getString(1), rs.getString(2), localDate(rs, 3), rs.getLong(4),
                        rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                exitSql.args()).stream().findFirst().orElse(null);
        List<ReversalView> reversals = reversals(null, new SeedSql(" AND s.investment_id = ? AND s.business_date <= ?",
                h.investmentId(), date(asOf)));
        String status = h.investedOn().isAfter(asOf) ? "NOT_YET_MADE" : b.reversed() ? "REVERSED" : exit == null
                ? "ACTIVE" : "WRITE_OFF".equals(exit.route()) ? "WRITTEN_OFF" : "EXITED";
        Mark mark = h.investedOn().isAfter(asOf) || b.reversed() ? new Mark(0, null)
                : SeedValuation.mark(h, liveRounds.stream().filter(r -> r.projectId().equals(h.projectId())).toList());
        long cap = jdbc.queryForObject("SELECT project_cap_fen FROM seed_investment WHERE investment_id = ?", Long.class,
                h.investmentId());
        return new InvestmentView(h.investmentId(), h.fundId(), h.projectId(), h.enterpriseName(), h.instrument(),
                h.amountFen(), h.equityBp(), h.investedOn(), cap, asOf, status, exit, mark.valueFen(), mark.roundId(),
                movements, reversals);
    }

    static Holding holding(ResultSet rs) throws SQLException {
        return new Holding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), (Integer) rs.getObject(7), localDate(rs, 8), rs.getInt(9) == 1);
    }

    /** The sums of {@link SeedSql#SUMS} from column {@code first} on, with the projects counted apart. */
    static SeedFigures figures(long projects, ResultSet rs, int first) throws SQLException {
        int c = first;
        return new SeedFigures(projects, rs.getLong(c), rs.getLong(c + 1), rs.getLong(c + 2), rs.getLong(c + 3),
                rs.getLong(c + 4), rs.getLong(c + 5), rs.getLong(c + 6), rs.getLong(c + 7), rs.getLong(c + 8),
                rs.getLong(c + 9), rs.getLong(c + 10));
    }

    static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
