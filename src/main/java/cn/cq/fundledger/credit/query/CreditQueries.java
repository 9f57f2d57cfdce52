package cn.cq.fundledger.credit.query;

import cn.cq.fundledger.credit.query.CreditViews.BankView;
import cn.cq.fundledger.credit.query.CreditViews.ClaimView;
import cn.cq.fundledger.credit.query.CreditViews.CorrectionView;
import cn.cq.fundledger.credit.query.CreditViews.EvaluationView;
import cn.cq.fundledger.credit.query.CreditViews.LoanView;
import cn.cq.fundledger.credit.query.CreditViews.MovementView;
import cn.cq.fundledger.credit.query.CreditViews.PoolView;
import cn.cq.fundledger.credit.query.CreditViews.RiskSharingVersionView;
import cn.cq.fundledger.system.NetCount;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the credit program's read model. Every figure is a sum of movements dated on or before {@code asOf}. */
@Component
public class CreditQueries {

    /** Borrowing enterprises: those whose loans (net of reversed ones) number more than zero. */
    private static final String ENTERPRISES = "(" + NetCount.count("SELECT enterprise_id, loans FROM credit_movement "
            + "WHERE business_date <= ?", "enterprise_id", "loans", null) + ")";

    private static final String SUMS = "COALESCE(SUM(loans),0), " + ENTERPRISES + ", COALESCE(SUM(issued_fen),0), COALESCE(SUM(outstanding_fen),0), "
            + "COALESCE(SUM(defaulted_fen),0), COALESCE(SUM(compensated_fen),0), COALESCE(SUM(waiting_fen),0), "
            + "COALESCE(SUM(recovered_fen),0), COALESCE(SUM(pool_recovered_fen),0), COALESCE(SUM(contributed_fen),0), "
            + "COALESCE(SUM(interest_fen),0), COALESCE(SUM(guided_loans),0), COALESCE(SUM(guided_fen),0)";

    private final JdbcTemplate jdbc;

    public CreditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public CreditFigures totals(LocalDate asOf) {
        return jdbc.queryForObject("SELECT " + SUMS + " FROM credit_movement WHERE business_date <= ?",
                (rs, i) -> figures(rs), Date.valueOf(asOf), Date.valueOf(asOf));
    }

    /** The ids of the registered banks. */
    public java.util.Set<String> bankIds() {
        return java.util.Set.copyOf(jdbc.queryForList("SELECT bank_id FROM credit_bank", String.class));
    }

    /** The districts the program knows: of an evaluation, a loan or a pool. */
    public java.util.Set<String> districts() {
        return java.util.Set.copyOf(jdbc.queryForList("SELECT district FROM credit_evaluation UNION "
                + "SELECT district FROM credit_movement WHERE district IS NOT NULL", String.class));
    }

    /** Banks with their fuse status: the latest decision recorded (WARNED, SUSPENDED, REINSTATED), or NORMAL. */
    public List<BankView> banks() {
        return jdbc.query("SELECT b.bank_id, b.name, s.status, s.business_date, s.loss_rate_bp FROM credit_bank b "
                        + "LEFT JOIN credit_bank_status s ON s.bank_id = b.bank_id AND s.global_index = "
                        + "(SELECT MAX(global_index) FROM credit_bank_status x WHERE x.bank_id = b.bank_id) "
                        + "ORDER BY b.bank_id",
                (rs, i) -> new BankView(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null || "REINSTATED".equals(rs.getString(3)) ? "NORMAL" : rs.getString(3),
                        localDate(rs, 4), (Integer) rs.getObject(5)));
    }

    public List<CreditViews.FuseDecisionView> fuseDecisions(String bankId) {
        return jdbc.query("SELECT global_index, bank_id, business_date, status, loss_rate_bp, reason, recorded_by "
                        + "FROM credit_bank_status WHERE bank_id = ? ORDER BY global_index",
                (rs, i) -> new CreditViews.FuseDecisionView(rs.getLong(1), rs.getString(2), localDate(rs, 3),
                        rs.getString(4), (Integer) rs.getObject(5), rs.getString(6), rs.getString(7)), bankId);
    }

    public List<CreditViews.FuseThresholdView> fuseThresholds() {
        return jdbc.query("SELECT global_index, effective_from, warning_bp, suspension_bp, recorded_by, recorded_at "
                        + "FROM credit_fuse_threshold ORDER BY global_index",
                (rs, i) -> new CreditViews.FuseThresholdView(rs.getLong(1), localDate(rs, 2), rs.getInt(3),
                        rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
    }

    public List<EvaluationView> evaluations(String enterpriseId) {
        return jdbc.query("SELECT e.enterprise_id, e.evaluated_on, e.enterprise_name, e.district, e.grade, "
                        + "e.valid_until, e.credit_line_fen, e.event_id FROM credit_evaluation e WHERE e.enterprise_id = ? "
                        + "ORDER BY e.evaluated_on, e.event_id",
                (rs, i) -> new EvaluationView(rs.getString(1), localDate(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getString(5), localDate(rs, 6), rs.getLong(7), reversalOf(rs.getString(8))), enterpriseId);
    }

    /** Every correction recorded, in the order recorded; optionally of one kind of fact. */
    public List<CorrectionView> corrections(String kind, int page, int size) {
        return jdbc.query(CORRECTIONS + (kind == null ? "" : " WHERE kind = ?") + " ORDER BY global_index LIMIT ? OFFSET ?",
                (rs, i) -> correction(rs), kind == null ? new Object[]{size, (long) page * size}
                        : new Object[]{kind, size, (long) page * size});
    }

    private static final String CORRECTIONS = "SELECT global_index, event_id, kind, fact_id, reverses_event_id, "
            + "business_date, reason, replaced_by, recorded_by, recorded_at FROM credit_reversal";

    private CorrectionView correctionAt(String eventId) {
        return jdbc.queryForObject(CORRECTIONS + " WHERE event_id = ?", (rs, i) -> correction(rs), eventId);
    }

    /** The correction that reversed the fact recorded by an event, if any. */
    private CorrectionView reversalOf(String eventId) {
        return eventId == null ? null : jdbc.query(CORRECTIONS + " WHERE reverses_event_id = ?", (rs, i) -> correction(rs),
                eventId).stream().findFirst().orElse(null);
    }

    /** The corrections among a loan's movements (its reversed repayments, default, claim, recoveries or itself). */
    private List<CorrectionView> corrections(List<MovementView> movements) {
        return movements.stream().filter(m -> "REVERSAL".equals(m.kind())).map(m -> correctionAt(m.eventId())).toList();
    }

    private static CorrectionView correction(ResultSet rs) throws SQLException {
        return new CorrectionView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                localDate(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant());
    }

    public List<RiskSharingVersionView> riskSharingVersions() {
        return jdbc.query("SELECT global_index, effective_from, bank_id, fund_share_bp, recorded_by, recorded_at "
                        + "FROM credit_risk_sharing ORDER BY global_index",
                (rs, i) -> new RiskSharingVersionView(rs.getLong(1), localDate(rs, 2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()));
    }

    /** Per district pool as of a date: contributions, compensation paid, pools' recoveries, balance, waiting claims. */
    public List<PoolView> pools(LocalDate asOf) {
        return jdbc.query("SELECT district, COALESCE(SUM(contributed_fen),0), COALESCE(SUM(compensated_fen),0), "
                        + "COALESCE(SUM(pool_recovered_fen),0), COALESCE(SUM(waiting_fen),0) FROM credit_movement "
                        + "WHERE business_date <= ? AND kind IN ('CONTRIBUTION','CLAIM','COMPENSATION','RECOVERY','REVERSAL') "
                        + "GROUP BY district ORDER BY district",
                (rs, i) -> new PoolView(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(2) - rs.getLong(3) + rs.getLong(4), rs.getLong(5)), Date.valueOf(asOf));
    }

    /** Claims of a district made on or before a date, oldest first, with the date each was paid (if by then). */
    public List<ClaimView> claims(String district, LocalDate asOf) {
        return jdbc.query("SELECT c.claim_id, c.loan_id, c.bank_id, c.claimed_on, c.unrecovered_fen, c.fund_share_bp, "
                        + "c.pool_share_fen, c.bank_share_fen, p.business_date, r.event_id FROM credit_claim c "
                        + "LEFT JOIN credit_movement p ON p.fact_id = c.claim_id AND p.kind = 'COMPENSATION' "
                        + "AND p.business_date <= ? LEFT JOIN credit_reversal r ON r.kind = 'CLAIM' "
                        + "AND r.fact_id = c.claim_id WHERE c.district = ? AND c.claimed_on <= ? "
                        + "ORDER BY c.claimed_on, c.claim_id",
                (rs, i) -> new ClaimView(rs.getString(1), rs.getString(2), rs.getString(3), localDate(rs, 4),
                        rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), localDate(rs, 9),
                        rs.getString(10) == null ? null : correctionAt(rs.getString(10))),
                Date.valueOf(asOf), district, Date.valueOf(asOf));
    }

    /** A loan's terms and its figures as of a date, with the movements that make them. */
    public Optional<LoanView> loan(String loanId, LocalDate asOf) {
        List<MovementView> movements = jdbc.query("SELECT global_index, event_id, business_date, kind, fact_id, "
                        + "issued_fen, outstanding_fen, defaulted_fen, compensated_fen, waiting_fen, recovered_fen, "
                        + "pool_recovered_fen, interest_fen FROM credit_movement WHERE loan_id = ? AND business_date <= ? "
                        + "ORDER BY business_date, global_index",
                (rs, i) -> new MovementView(rs.getLong(1), rs.getString(2), localDate(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11), rs.getLong(12), rs.getLong(13)), loanId, Date.valueOf(asOf));
        long issued = movements.stream().mapToLong(MovementView::issuedFen).sum();
        long outstanding = movements.stream().mapToLong(MovementView::outstandingFen).sum();
        long defaulted = movements.stream().mapToLong(MovementView::defaultedFen).sum();
        boolean reversed = movements.stream().anyMatch(m -> "REVERSAL".equals(m.kind()) && m.issuedFen() < 0);
        String status = reversed ? "REVERSED" : issued == 0 ? "NOT_YET_ISSUED" : defaulted > 0 ? "DEFAULTED" : outstanding == 0 ? "CLOSED" : "ACTIVE";
        return jdbc.query("SELECT loan_id, bank_id, enterprise_id, district, principal_fen, annual_rate_bp, term_months, "
                        + "issued_on, grade, fund_share_bp FROM credit_loan WHERE loan_id = ?",
                (rs, i) -> new LoanView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getInt(7), localDate(rs, 8), rs.getString(9), rs.getInt(10),
                        asOf, status, outstanding, defaulted,
                        movements.stream().mapToLong(MovementView::compensatedFen).sum(),
                        movements.stream().mapToLong(MovementView::waitingFen).sum(),
                        movements.stream().mapToLong(MovementView::recoveredFen).sum(),
                        movements.stream().mapToLong(MovementView::poolRecoveredFen).sum(),
                        movements.stream().mapToLong(MovementView::interestFen).sum(), movements,
                        corrections(movements)), loanId)
                .stream().findFirst();
    }

    private static CreditFigures figures(ResultSet rs) throws SQLException {
        return new CreditFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                rs.getLong(12), rs.getLong(13));
    }

    private static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
