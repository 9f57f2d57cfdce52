package cn.cq.fundledger.seedfund.query;

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
import cn.cq.fundledger.seedfund.query.SeedViews.RoundView;
import cn.cq.fundledger.seedfund.query.SeedViews.TargetVersionView;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the seed program's read model. Every figure is a sum of movements dated on or before {@code asOf}. */
@Component
public class SeedQueries {

    private static final String SUMS = "COUNT(DISTINCT CASE WHEN kind = 'INVESTMENT' THEN project_id END), "
            + "COALESCE(SUM(investments),0), COALESCE(SUM(committed_fen),0), COALESCE(SUM(invested_fen),0), "
            + "COALESCE(SUM(active_fen),0), COALESCE(SUM(exits),0), COALESCE(SUM(exited_cost_fen),0), "
            + "COALESCE(SUM(write_offs),0), COALESCE(SUM(written_off_fen),0), COALESCE(SUM(proceeds_fen),0), "
            + "COALESCE(SUM(city_proceeds_fen),0), COALESCE(SUM(partner_proceeds_fen),0)";

    static final String HOLDINGS = holdingsSql(null);

    static final String ROUNDS = roundsSql(null);

    /**
     * The investments made on or before a date and whether each had exited by then; with {@code recordedAt}, only
     * the investments and exits recorded at or before it. Arguments: {@link #dated}.
     */
    static String holdingsSql(Instant recordedAt) {
        return "SELECT i.investment_id, i.fund_id, i.project_id, i.enterprise_name, i.instrument, "
                + "i.amount_fen, i.equity_bp, i.invested_on, CASE WHEN e.exit_id IS NULL THEN 0 ELSE 1 END "
                + "FROM seed_investment i LEFT JOIN seed_exit e ON e.investment_id = i.investment_id AND e.exited_on <= ?"
                + recorded("e.recorded_at", recordedAt) + " WHERE i.invested_on <= ?" + recorded("i.recorded_at", recordedAt);
    }

    /** The follow-on rounds closed on or before a date (recorded at or before {@code recordedAt}, when given). */
    static String roundsSql(Instant recordedAt) {
        return "SELECT round_id, project_id, investor, amount_fen, post_money_fen, closed_on "
                + "FROM seed_round WHERE closed_on <= ?" + recorded("recorded_at", recordedAt);
    }

    /** {@code " AND column <= ?"} when a read looks at the ledger as recorded at an instant; nothing otherwise. */
    static String recorded(String column, Instant recordedAt) {
        return recordedAt == null ? "" : " AND " + column + " <= ?";
    }

    /** The arguments of {@code times} conditions each of a date and, when given, a recorded instant. */
    static Object[] dated(LocalDate asOf, Instant recordedAt, int times) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            args.add(Date.valueOf(asOf));
            if (recordedAt != null) {
                args.add(Timestamp.from(recordedAt));
            }
        }
        return args.toArray();
    }

    private final JdbcTemplate jdbc;

    public SeedQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The program's figures as of a date; {@code projects} and {@code invested} are those of /api/totals. */
    public SeedFigures totals(LocalDate asOf) {
        return totals(asOf, null);
    }

    /** The program's figures as of a date, as the ledger had them at {@code recordedAt} (null: everything recorded). */
    public SeedFigures totals(LocalDate asOf, Instant recordedAt) {
        return jdbc.queryForObject("SELECT " + SUMS + " FROM seed_movement WHERE business_date <= ?"
                + recorded("recorded_at", recordedAt), (rs, i) -> figures(rs, 1), dated(asOf, recordedAt, 1));
    }

    /** Every local fund established on or before a date, with its figures as of that date. */
    public List<FundView> funds(LocalDate asOf) {
        return jdbc.query(fundSql("") + " ORDER BY f.fund_id", (rs, i) -> fund(rs, asOf), Date.valueOf(asOf),
                Date.valueOf(asOf));
    }

    public Optional<FundView> fund(String fundId, LocalDate asOf) {
        return jdbc.query(fundSql(" AND f.fund_id = ?"), (rs, i) -> fund(rs, asOf), Date.valueOf(asOf),
                Date.valueOf(asOf), fundId).stream().findFirst();
    }

    private static String fundSql(String filter) {
        return "SELECT f.fund_id, f.name, f.partner, f.city_share_bp, f.established_on, s.* FROM seed_fund f "
                + "JOIN (SELECT " + SUMS + ", fund_id AS of_fund FROM seed_movement WHERE business_date <= ? "
                + "GROUP BY fund_id) s ON s.of_fund = f.fund_id WHERE f.established_on <= ?" + filter;
    }

    private static FundView fund(ResultSet rs, LocalDate asOf) throws SQLException {
        SeedFigures f = figures(rs, 6);
        return new FundView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), localDate(rs, 5), asOf,
                f.committed(), f.investments(), f.projects(), f.invested(), f.committed() - f.invested(), f.active(),
                f.proceeds(), f.cityProceeds(), f.partnerProceeds());
    }

    /** An investment's terms and where it stands as of a date, with the movements that make it. */
    public Optional<InvestmentView> investment(String investmentId, LocalDate asOf) {
        List<Holding> holdings = jdbc.query("SELECT * FROM (" + HOLDINGS.replace("WHERE i.invested_on <= ?",
                        "WHERE i.investment_id = ?") + ") h", (rs, i) -> holding(rs), Date.valueOf(asOf), investmentId);
        if (holdings.isEmpty()) {
            return Optional.empty();
        }
        Holding h = holdings.get(0);
        return Optional.of(investmentView(h, asOf, rounds(h.projectId(), asOf)));
    }

    /** A project's seed money across funds as of a date, the cap in force then, its investments and rounds. */
    public Optional<ProjectView> project(String projectId, LocalDate asOf) {
        List<Holding> holdings = jdbc.query(HOLDINGS + " AND i.project_id = ? ORDER BY i.invested_on, i.investment_id",
                (rs, i) -> holding(rs), Date.valueOf(asOf), Date.valueOf(asOf), projectId);
        List<Round> rounds = rounds(projectId, asOf);
        if (holdings.isEmpty() && rounds.isEmpty()) {
            return Optional.empty();
        }
        long invested = holdings.stream().mapToLong(Holding::amountFen).sum();
        long cap = capInForce(asOf);
        return Optional.of(new ProjectView(projectId, asOf, invested, cap, Math.max(0, cap - invested),
                holdings.stream().map(h -> investmentView(h, asOf, rounds)).toList(),
                rounds.stream().map(r -> new RoundView(r.roundId(), r.projectId(), r.investor(), r.amountFen(),
                        r.postMoneyFen(), r.closedOn())).toList()));
    }

    /** Every follow-on round closed on or before a date, in date order. */
    public List<RoundView> rounds(LocalDate asOf) {
        return jdbc.query(ROUNDS + " ORDER BY closed_on, round_id", (rs, i) -> new RoundView(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), localDate(rs, 6)), Date.valueOf(asOf));
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

    private List<Round> rounds(String projectId, LocalDate asOf) {
        return jdbc.query(ROUNDS + " AND project_id = ? ORDER BY closed_on, round_id", (rs, i) -> round(rs),
                Date.valueOf(asOf), projectId);
    }

    private InvestmentView investmentView(Holding h, LocalDate asOf, List<Round> rounds) {
        List<MovementView> movements = jdbc.query("SELECT global_index, event_id, business_date, kind, fact_id, "
                        + "invested_fen, active_fen, proceeds_fen, city_proceeds_fen, partner_proceeds_fen, written_off_fen "
                        + "FROM seed_movement WHERE investment_id = ? AND business_date <= ? "
                        + "ORDER BY business_date, global_index",
                (rs, i) -> new MovementView(rs.getLong(1), rs.getString(2), localDate(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11)), h.investmentId(), Date.valueOf(asOf));
        ExitView exit = jdbc.query("SELECT exit_id, route, exited_on, cost_fen, proceeds_fen, city_share_bp, "
                        + "city_proceeds_fen, partner_proceeds_fen, realised_gain_fen FROM seed_exit "
                        + "WHERE investment_id = ? AND exited_on <= ?",
                (rs, i) -> new ExitView(rs.getString(1), rs.getString(2), localDate(rs, 3), rs.getLong(4),
                        rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                h.investmentId(), Date.valueOf(asOf)).stream().findFirst().orElse(null);
        String status = h.investedOn().isAfter(asOf) ? "NOT_YET_MADE" : exit == null ? "ACTIVE"
                : "WRITE_OFF".equals(exit.route()) ? "WRITTEN_OFF" : "EXITED";
        Mark mark = h.investedOn().isAfter(asOf) ? new Mark(0, null) : SeedValuation.mark(h, rounds);
        Integer equityBp = h.equityBp();
        long cap = jdbc.queryForObject("SELECT project_cap_fen FROM seed_investment WHERE investment_id = ?", Long.class,
                h.investmentId());
        return new InvestmentView(h.investmentId(), h.fundId(), h.projectId(), h.enterpriseName(), h.instrument(),
                h.amountFen(), equityBp, h.investedOn(), cap, asOf, status, exit, mark.valueFen(), mark.roundId(),
                movements);
    }

    static Holding holding(ResultSet rs) throws SQLException {
        return new Holding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), (Integer) rs.getObject(7), localDate(rs, 8), rs.getInt(9) == 1);
    }

    static Round round(ResultSet rs) throws SQLException {
        return new Round(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                localDate(rs, 6));
    }

    static SeedFigures figures(ResultSet rs, int first) throws SQLException {
        int c = first;
        return new SeedFigures(rs.getLong(c), rs.getLong(c + 1), rs.getLong(c + 2), rs.getLong(c + 3),
                rs.getLong(c + 4), rs.getLong(c + 5), rs.getLong(c + 6), rs.getLong(c + 7), rs.getLong(c + 8),
                rs.getLong(c + 9), rs.getLong(c + 10), rs.getLong(c + 11));
    }

    static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
