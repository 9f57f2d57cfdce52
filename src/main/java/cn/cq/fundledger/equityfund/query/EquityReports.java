package cn.cq.fundledger.equityfund.query;

import static cn.cq.fundledger.equityfund.query.DealValuations.localDate;

import cn.cq.fundledger.equityfund.query.EquityViews.ReversedDealView;
import cn.cq.fundledger.system.NetCount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The equity program's reports for finance staff, as of a business date and, optionally, as the ledger had them at
 * an instant ({@code recordedAt}: facts recorded later are left out, even back-dated ones; every table read is
 * filtered by its {@code recorded_at}). The money figures are sums over
 * {@code equity_movement} and {@code equity_partner_movement}, so a fund's partners add up to the fund and the
 * funds to the total, whose invested amount and projects equal {@code /api/totals}; a reversal's movement rows net
 * the reversed fact out. A project counts when the {@code deals} of its movements add up to more than zero. NAV
 * comes from {@link DealValuations}; {@link EquityExplanations} lists the events behind every figure.
 */
@Component
public class EquityReports {

    /**
     * A partner's figures in a fund as of the date. {@code dpi} = distributed / called, four decimals, null before
     * anything was called.
     */
    public record PartnerRow(String partner, int position, long committedFen, long calledFen, long uncalledFen,
                             long distributedFen, String dpi) {
    }

    /**
     * A fund as of a date.
     *
     * @param calledFen        capital called, which is the capital paid in (a call is paid when made)
     * @param investedFen      the amounts of the deals closed (the cost of every deal, exited or not)
     * @param exitedCostFen    the cost of the parts of deals sold
     * @param proceedsFen      what the exits brought in
     * @param undistributedFen proceeds not yet distributed
     * @param navFen           the value of the deals still held (latest marks; cost for deals never marked)
     * @param unmarkedDeals    live deals valued at cost because they have no mark on or before the date
     * @param dpi              distributed / called (paid-in), four decimals; null before anything was called
     * @param tvpi             (distributed + NAV) / called, four decimals; null before anything was called
     */
    public record FundRow(String fundId, String name, LocalDate establishedOn, long committedFen, long calledFen,
                          long uncalledFen, long investedFen, long deals, long projects, long exitedCostFen,
                          long proceedsFen, long distributedFen, long undistributedFen, long navFen,
                          long unmarkedDeals, String dpi, String tvpi, List<PartnerRow> partners) {
    }

    public record FundsTotal(long funds, long committedFen, long calledFen, long uncalledFen, long investedFen,
                             long deals, long projects, long exitedCostFen, long proceedsFen, long distributedFen,
                             long undistributedFen, long navFen, long unmarkedDeals, String dpi, String tvpi) {
    }

    public record FundsReport(LocalDate asOf, List<FundRow> funds, FundsTotal total) {
    }

    /**
     * The deal book: the deals closed by the date and not reversed ({@code rows}, which the sums add up), and the
     * reversed ones as recorded with their reversal ({@code reversed}, in no sum).
     */
    public record DealBook(LocalDate asOf, String fundId, List<DealValue> rows, long amountFen, long exitedCostFen,
                           long costHeldFen, long proceedsFen, long navFen, List<ReversedDealView> reversed) {
    }

    private static final String FUND_SUMS = "SELECT f.fund_id, f.name, f.established_on, "
            + "COALESCE(SUM(m.committed_fen),0), COALESCE(SUM(m.called_fen),0), COALESCE(SUM(m.invested_fen),0), "
            + "COALESCE(SUM(m.deals),0), COALESCE(SUM(m.exited_cost_fen),0), COALESCE(SUM(m.proceeds_fen),0), "
            + "COALESCE(SUM(m.distributed_fen),0) "
            + "FROM equity_fund f LEFT JOIN equity_movement m ON m.fund_id = f.fund_id AND m.business_date <= ?";
    static final String RECORDED = " AND %s.recorded_at <= ?";

    private final JdbcTemplate jdbc;
    private final DealValuations valuations;

    public EquityReports(JdbcTemplate jdbc, DealValuations valuations) {
        this.jdbc = jdbc;
        this.valuations = valuations;
    }

    /** Every fund established on or before the date, and their total. */
    public FundsReport funds(LocalDate asOf) {
        return funds(asOf, null);
    }

    /** The funds as the ledger had them at {@code recordedAt} (null: everything recorded), as of the date. */
    public FundsReport funds(LocalDate asOf, Instant recordedAt) {
        List<DealValue> deals = valuations.asOf(asOf, recordedAt, null);
        List<FundRow> funds = fundRows(asOf, recordedAt, null, deals);
        long calledFen = funds.stream().mapToLong(FundRow::calledFen).sum();
        long distributedFen = funds.stream().mapToLong(FundRow::distributedFen).sum();
        long navFen = funds.stream().mapToLong(FundRow::navFen).sum();
        long projects = projects(asOf, recordedAt, null, false).getOrDefault(null, 0L);
        FundsTotal total = new FundsTotal(funds.size(), funds.stream().mapToLong(FundRow::committedFen).sum(),
                calledFen, funds.stream().mapToLong(FundRow::uncalledFen).sum(),
                funds.stream().mapToLong(FundRow::investedFen).sum(), funds.stream().mapToLong(FundRow::deals).sum(),
                projects, funds.stream().mapToLong(FundRow::exitedCostFen).sum(),
                funds.stream().mapToLong(FundRow::proceedsFen).sum(), distributedFen,
                funds.stream().mapToLong(FundRow::undistributedFen).sum(), navFen,
                funds.stream().mapToLong(FundRow::unmarkedDeals).sum(), multiple(distributedFen, calledFen),
                multiple(distributedFen + navFen, calledFen));
        return new FundsReport(asOf, funds, total);
    }

    /** One fund as of the date (all zeros before it was established); empty when it is unknown. */
    public Optional<FundRow> fund(String fundId, LocalDate asOf) {
        return fund(fundId, asOf, null);
    }

    /**
     * One fund as of the date, as the ledger had it at {@code recordedAt} (null: everything recorded); all zeros
     * before it was established or recorded; empty when it is unknown.
     */
    public Optional<FundRow> fund(String fundId, LocalDate asOf, Instant recordedAt) {
        return fundRows(asOf, recordedAt, fundId, valuations.asOf(asOf, recordedAt, fundId)).stream().findFirst();
    }

    /** Every deal closed on or before the date (of one fund, or of all when {@code fundId} is null). */
    public DealBook deals(LocalDate asOf, String fundId) {
        return deals(asOf, null, fundId);
    }

    /** The deal book as the ledger had it at {@code recordedAt} (null: everything recorded), as of the date. */
    public DealBook deals(LocalDate asOf, Instant recordedAt, String fundId) {
        DealValuations.Book book = valuations.book(asOf, recordedAt, fundId, null);
        List<DealValue> rows = book.values();
        return new DealBook(asOf, fundId, rows, rows.stream().mapToLong(DealValue::amountFen).sum(),
                rows.stream().mapToLong(DealValue::exitedCostFen).sum(),
                rows.stream().mapToLong(DealValue::costHeldFen).sum(),
                rows.stream().mapToLong(DealValue::proceedsFen).sum(), rows.stream().mapToLong(DealValue::navFen).sum(),
                book.reversed());
    }

    private List<FundRow> fundRows(LocalDate asOf, Instant recordedAt, String fundId, List<DealValue> deals) {
        Map<String, Long> nav = new HashMap<>();
        Map<String, Long> unmarked = new HashMap<>();
        for (DealValue deal : deals) {
            nav.merge(deal.fundId(), deal.navFen(), Long::sum);
            if ("COST".equals(deal.navBasis())) {
                unmarked.merge(deal.fundId(), 1L, Long::sum);
            }
        }
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(asOf)));
        String join = "";
        if (recordedAt != null) {
            join = RECORDED.formatted("m");
            args.add(Timestamp.from(recordedAt));
        }
        String where;
        if (fundId != null) {
            where = " WHERE f.fund_id = ?";
            args.add(fundId);
        } else {
            where = " WHERE f.established_on <= ?";
            args.add(Date.valueOf(asOf));
            if (recordedAt != null) {
                where += RECORDED.formatted("f");
                args.add(Timestamp.from(recordedAt));
            }
        }
        Map<String, List<PartnerRow>> partners = partners(asOf, recordedAt, fundId);
        Map<String, Long> projects = projects(asOf, recordedAt, fundId, true);
        return jdbc.query(FUND_SUMS + join + where + " GROUP BY f.fund_id, f.name, f.established_on ORDER BY f.fund_id",
                (rs, i) -> {
                    String id = rs.getString(1);
                    long committed = rs.getLong(4);
                    long called = rs.getLong(5);
                    long proceeds = rs.getLong(9);
                    long distributed = rs.getLong(10);
                    long fundNav = nav.getOrDefault(id, 0L);
                    return new FundRow(id, rs.getString(2), localDate(rs, 3), committed, called, committed - called,
                            rs.getLong(6), rs.getLong(7), projects.getOrDefault(id, 0L), rs.getLong(8), proceeds,
                            distributed,
                            proceeds - distributed, fundNav, unmarked.getOrDefault(id, 0L),
                            multiple(distributed, called), multiple(distributed + fundNav, called),
                            partners.getOrDefault(id, List.of()));
                }, args.toArray());
    }

    /**
     * The number of projects that count, by fund ({@code byFund}; of one fund when {@code fundId} is given) or across
     * funds (under the key null).
     */
    private Map<String, Long> projects(LocalDate asOf, Instant recordedAt, String fundId, boolean byFund) {
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(asOf)));
        String where = "";
        if (recordedAt != null) {
            where += " AND recorded_at <= ?";
            args.add(Timestamp.from(recordedAt));
        }
        if (fundId != null) {
            where += " AND fund_id = ?";
            args.add(fundId);
        }
        // a project counts when the deals of its movements (a deal +1, its reversal -1) add up to more than zero
        Map<String, Long> counts = new HashMap<>();
        String rows = "SELECT fund_id, project_id, deals FROM equity_movement WHERE project_id IS NOT NULL "
                + "AND business_date <= ?" + where;
        jdbc.query(NetCount.count(rows, "project_id", "deals", byFund ? "fund_id" : null), rs -> {
            counts.put(byFund ? rs.getString(1) : null, rs.getLong(byFund ? 2 : 1));
        }, args.toArray());
        return counts;
    }

    /** The partners of each fund who had committed by the date, in the order they joined. */
    private Map<String, List<PartnerRow>> partners(LocalDate asOf, Instant recordedAt, String fundId) {
        Map<String, List<PartnerRow>> partners = new HashMap<>();
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(asOf)));
        if (recordedAt != null) {
            args.add(Timestamp.from(recordedAt));
        }
        if (fundId != null) {
            args.add(fundId);
        }
        jdbc.query("SELECT fund_id, partner, MIN(partner_position), COALESCE(SUM(committed_fen),0), "
                + "COALESCE(SUM(called_fen),0), COALESCE(SUM(distributed_fen),0) FROM equity_partner_movement "
                + "WHERE business_date <= ?" + (recordedAt != null ? " AND recorded_at <= ?" : "")
                + (fundId != null ? " AND fund_id = ?" : "")
                + " GROUP BY fund_id, partner ORDER BY fund_id, MIN(partner_position)", rs -> {
                    partners.computeIfAbsent(rs.getString(1), f -> new ArrayList<>()).add(new PartnerRow(
                            rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(4) - rs.getLong(5),
                            rs.getLong(6), multiple(rs.getLong(6), rs.getLong(5))));
                }, args.toArray());
        return partners;
    }

    /** A multiple of paid-in capital as a decimal string with four decimals (half-even); null without paid-in. */
    static String multiple(long numeratorFen, long paidInFen) {
        if (paidInFen == 0) {
            return null;
        }
        return BigDecimal.valueOf(numeratorFen).divide(BigDecimal.valueOf(paidInFen), 4, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
