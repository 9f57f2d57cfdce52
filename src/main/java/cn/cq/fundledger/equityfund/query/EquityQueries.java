package cn.cq.fundledger.equityfund.query;

import static cn.cq.fundledger.equityfund.query.DealValuations.localDate;

import cn.cq.fundledger.equityfund.query.EquityViews.DealView;
import cn.cq.fundledger.equityfund.query.EquityViews.ExitView;
import cn.cq.fundledger.equityfund.query.EquityViews.FundView;
import cn.cq.fundledger.equityfund.query.EquityViews.MarkView;
import cn.cq.fundledger.equityfund.query.EquityViews.PartView;
import cn.cq.fundledger.equityfund.query.EquityViews.PartnerAccountView;
import cn.cq.fundledger.equityfund.query.EquityViews.PartnerMovementView;
import cn.cq.fundledger.equityfund.query.EquityViews.PartnerView;
import cn.cq.fundledger.equityfund.query.EquityViews.ReversalView;
import cn.cq.fundledger.equityfund.query.EquityViews.SharedAmountView;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the equity program's read model. Every figure is a sum of movements dated on or before {@code asOf}. */
@Component
public class EquityQueries {

    private static final String PARTNER_SUMS = "SELECT partner, MIN(partner_position), COALESCE(SUM(committed_fen),0), "
            + "COALESCE(SUM(called_fen),0), COALESCE(SUM(distributed_fen),0) FROM equity_partner_movement "
            + "WHERE fund_id = ? AND business_date <= ?";

    private final JdbcTemplate jdbc;
    private final DealValuations valuations;

    public EquityQueries(JdbcTemplate jdbc, DealValuations valuations) {
        this.jdbc = jdbc;
        this.valuations = valuations;
    }

    public List<FundView> funds() {
        return jdbc.query("SELECT fund_id, name, established_on FROM equity_fund ORDER BY fund_id",
                (rs, i) -> new FundView(rs.getString(1), rs.getString(2), localDate(rs, 3)));
    }

    public Optional<FundView> fund(String fundId) {
        return jdbc.query("SELECT fund_id, name, established_on FROM equity_fund WHERE fund_id = ?",
                (rs, i) -> new FundView(rs.getString(1), rs.getString(2), localDate(rs, 3)), fundId).stream().findFirst();
    }

    /** The partners who had committed by the date, in the order they joined, with their figures as of it. */
    public List<PartnerView> partners(String fundId, LocalDate asOf) {
        return jdbc.query(PARTNER_SUMS + " GROUP BY partner ORDER BY MIN(partner_position)",
                (rs, i) -> new PartnerView(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(3) - rs.getLong(4), rs.getLong(5)), fundId, Date.valueOf(asOf));
    }

    /**
     * A partner's figures as of a date and the parts that make them (all zero before its first commitment); empty
     * when the partner never committed to the fund.
     */
    public Optional<PartnerAccountView> partner(String fundId, String partner, LocalDate asOf) {
        List<PartnerMovementView> movements = jdbc.query("SELECT global_index, event_id, business_date, kind, fact_id, "
                        + "committed_fen, called_fen, distributed_fen FROM equity_partner_movement WHERE fund_id = ? "
                        + "AND partner = ? AND business_date <= ? ORDER BY business_date, global_index",
                (rs, i) -> new PartnerMovementView(rs.getLong(1), rs.getString(2), localDate(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)), fundId, partner,
                Date.valueOf(asOf));
        Integer position = jdbc.queryForObject("SELECT MIN(partner_position) FROM equity_partner_movement "
                + "WHERE fund_id = ? AND partner = ?", Integer.class, fundId, partner);
        if (position == null) {
            return Optional.empty();
        }
        long committed = movements.stream().mapToLong(PartnerMovementView::committedFen).sum();
        long called = movements.stream().mapToLong(PartnerMovementView::calledFen).sum();
        long distributed = movements.stream().mapToLong(PartnerMovementView::distributedFen).sum();
        return Optional.of(new PartnerAccountView(fundId, partner, position, asOf, committed, called,
                committed - called, distributed, movements));
    }

    public List<SharedAmountView> calls(String fundId, LocalDate asOf) {
        return shared(fundId, asOf, "CALL", "called_fen");
    }

    public List<SharedAmountView> distributions(String fundId, LocalDate asOf) {
        return shared(fundId, asOf, "DISTRIBUTION", "distributed_fen");
    }

    /** The calls or distributions as recorded (reversed ones with their reversal), with each partner's part. */
    private List<SharedAmountView> shared(String fundId, LocalDate asOf, String kind, String column) {
        Map<String, List<PartView>> parts = new LinkedHashMap<>();
        jdbc.query("SELECT event_id, partner, " + column + " FROM equity_partner_movement WHERE fund_id = ? "
                + "AND kind = ? AND business_date <= ? ORDER BY partner_position", rs -> {
                    parts.computeIfAbsent(rs.getString(1), e -> new ArrayList<>())
                            .add(new PartView(rs.getString(2), rs.getLong(3)));
                }, fundId, kind, Date.valueOf(asOf));
        Reversals reversals = Reversals.read(jdbc, null, fundId, null);
        return jdbc.query("SELECT event_id, fact_id, business_date, " + column + " FROM equity_movement "
                        + "WHERE fund_id = ? AND kind = ? AND business_date <= ? ORDER BY business_date, global_index",
                (rs, i) -> new SharedAmountView(rs.getString(2), localDate(rs, 3), rs.getLong(4),
                        parts.getOrDefault(rs.getString(1), List.of()), rs.getString(1),
                        reversals.of(rs.getString(1))), fundId, kind, Date.valueOf(asOf));
    }

    /**
     * A deal's terms and its valuation as of a date, with its marks and exits up to then; reversed marks, exits and
     * the deal itself reversed are shown with their reversal (status REVERSED, zero figures, for a reversed deal).
     */
    public Optional<DealView> deal(String dealId, LocalDate asOf) {
        Reversals reversals = Reversals.read(jdbc, null, null, dealId);
        List<MarkView> marks = jdbc.query("SELECT marked_on, value_fen, method, recorded_by, event_id FROM equity_mark "
                        + "WHERE deal_id = ? AND marked_on <= ? ORDER BY marked_on, global_index",
                (rs, i) -> new MarkView(localDate(rs, 1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), reversals.of(rs.getString(5))), dealId, Date.valueOf(asOf));
        List<ExitView> exits = jdbc.query("SELECT exit_id, exited_on, portion_bp, cost_fen, held_after_bp, full_exit, "
                        + "proceeds_fen, event_id FROM equity_exit WHERE deal_id = ? AND exited_on <= ? "
                        + "ORDER BY exited_on, global_index",
                (rs, i) -> new ExitView(rs.getString(1), localDate(rs, 2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                        rs.getBoolean(6), rs.getLong(7), rs.getString(8), reversals.of(rs.getString(8))), dealId,
                Date.valueOf(asOf));
        Optional<DealValue> valued = valuations.deal(asOf, dealId).stream().findFirst();
        return jdbc.query("SELECT deal_id, fund_id, project_id, company, amount_fen, stake_bp, closed_on, event_id "
                        + "FROM equity_deal WHERE deal_id = ?",
                (rs, i) -> {
                    long amount = rs.getLong(5);
                    ReversalView reversal = reversals.of(rs.getString(8));
                    String status = reversal != null && !localDate(rs, 7).isAfter(asOf) ? "REVERSED"
                            : "NOT_YET_CLOSED";
                    return valued.map(v -> new DealView(v.dealId(), v.fundId(), v.projectId(), v.company(), amount,
                                    v.stakeBp(), v.closedOn(), asOf, v.status(), v.heldBp(), v.costHeldFen(),
                                    v.navFen(), v.navBasis(), v.proceedsFen(), marks, exits, null))
                            .orElse(new DealView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    amount, rs.getInt(6), localDate(rs, 7), asOf, status, 0, 0, 0, "NONE", 0, marks,
                                    exits, reversal));
                }, dealId).stream().findFirst();
    }
}
