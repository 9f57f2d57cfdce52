package cn.cq.fundledger.credit.query;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the credit program's read model. Every figure is a sum of movements dated on or before {@code asOf}. */
@Component
public class CreditQueries {

    private static final String SUMS = "COALESCE(SUM(loans),0), COUNT(DISTINCT CASE WHEN kind = 'LOAN_ISSUED' "
            + "THEN enterprise_id END), COALESCE(SUM(issued_fen),0), COALESCE(SUM(outstanding_fen),0), "
            + "COALESCE(SUM(defaulted_fen),0), COALESCE(SUM(compensated_fen),0), COALESCE(SUM(waiting_fen),0), "
            + "COALESCE(SUM(recovered_fen),0), COALESCE(SUM(pool_recovered_fen),0), COALESCE(SUM(contributed_fen),0), "
            + "COALESCE(SUM(interest_fen),0)";

    private final JdbcTemplate jdbc;

    public CreditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public CreditFigures totals(LocalDate asOf) {
        return jdbc.queryForObject("SELECT " + SUMS + " FROM credit_movement WHERE business_date <= ?",
                (rs, i) -> figures(rs, 1), Date.valueOf(asOf));
    }

    public Optional<CreditFigures> loanFigures(String loanId, LocalDate asOf) {
        List<CreditFigures> rows = jdbc.query("SELECT " + SUMS + " FROM credit_movement WHERE loan_id = ? "
                + "AND business_date <= ? HAVING COUNT(*) > 0", (rs, i) -> figures(rs, 1), loanId, Date.valueOf(asOf));
        return rows.stream().findFirst();
    }

    public Optional<Map<String, Object>> loanTerms(String loanId) {
        return jdbc.queryForList("SELECT * FROM credit_loan WHERE loan_id = ?", loanId).stream().findFirst();
    }

    public List<Map<String, Object>> loanMovements(String loanId, LocalDate asOf) {
        return jdbc.queryForList("SELECT global_index, event_id, business_date, kind, fact_id, outstanding_fen, "
                + "defaulted_fen, compensated_fen, waiting_fen, recovered_fen, pool_recovered_fen, interest_fen "
                + "FROM credit_movement WHERE loan_id = ? AND business_date <= ? ORDER BY business_date, global_index",
                loanId, Date.valueOf(asOf));
    }

    public List<Map<String, Object>> banks() {
        return jdbc.queryForList("SELECT bank_id, name FROM credit_bank ORDER BY bank_id");
    }

    public List<Map<String, Object>> evaluations(String enterpriseId) {
        return jdbc.queryForList("SELECT evaluated_on, enterprise_name, district, grade, valid_until, credit_line_fen "
                + "FROM credit_evaluation WHERE enterprise_id = ? ORDER BY evaluated_on", enterpriseId);
    }

    public List<Map<String, Object>> riskSharingVersions() {
        return jdbc.queryForList("SELECT effective_from, bank_id, fund_share_bp, recorded_by, recorded_at "
                + "FROM credit_risk_sharing ORDER BY global_index");
    }

    /** Per district pool as of a date: contributions, compensation paid, pools' recoveries, balance, waiting claims. */
    public List<Map<String, Object>> pools(LocalDate asOf) {
        return jdbc.queryForList("SELECT district, COALESCE(SUM(contributed_fen),0) AS contributed_fen, "
                + "COALESCE(SUM(compensated_fen),0) AS compensated_fen, "
                + "COALESCE(SUM(pool_recovered_fen),0) AS recovered_fen, "
                + "COALESCE(SUM(contributed_fen),0) - COALESCE(SUM(compensated_fen),0) + COALESCE(SUM(pool_recovered_fen),0) "
                + "AS balance_fen, COALESCE(SUM(waiting_fen),0) AS waiting_claims_fen FROM credit_movement "
                + "WHERE business_date <= ? GROUP BY district ORDER BY district", Date.valueOf(asOf));
    }

    /** Claims of a district, oldest first, with their state as of a date. */
    public List<Map<String, Object>> claims(String district, LocalDate asOf) {
        return jdbc.queryForList("SELECT c.claim_id, c.loan_id, c.bank_id, c.claimed_on, c.unrecovered_fen, "
                + "c.fund_share_bp, c.pool_share_fen, c.bank_share_fen, p.business_date AS paid_on "
                + "FROM credit_claim c LEFT JOIN credit_movement p ON p.fact_id = c.claim_id "
                + "AND p.kind = 'COMPENSATION' AND p.business_date <= ? "
                + "WHERE c.district = ? AND c.claimed_on <= ? ORDER BY c.claimed_on, c.claim_id",
                Date.valueOf(asOf), district, Date.valueOf(asOf));
    }

    private static CreditFigures figures(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        return new CreditFigures(rs.getLong(from), rs.getLong(from + 1), rs.getLong(from + 2), rs.getLong(from + 3),
                rs.getLong(from + 4), rs.getLong(from + 5), rs.getLong(from + 6), rs.getLong(from + 7),
                rs.getLong(from + 8), rs.getLong(from + 9), rs.getLong(from + 10));
    }
}
