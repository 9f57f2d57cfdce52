package cn.cq.fundledger.equityfund.query;

import cn.cq.fundledger.core.Ratio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Values deals as of a date from their terms, marks and exits (the rules of the fund's NAV, in one place).
 *
 * <p>A mark values the holding as it stood at the end of its day. The NAV of a deal is its latest mark on or
 * before the date, scaled by the part of the holding still held over the part held on the mark's day (a partial
 * exit after a mark sells part of what was marked); a deal never marked counts at the cost of the part still held;
 * a fully exited deal counts nothing. Rounding is half-even, to the fen.
 */
@Component
public class DealValuations {

    private final JdbcTemplate jdbc;

    public DealValuations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every deal closed on or before the date, of one fund or of all ({@code fundId} null), by deal id. */
    public List<DealValue> asOf(LocalDate asOf, String fundId) {
        return value(asOf, null, fundId, null);
    }

    /**
     * Every deal closed on or before the date, of one fund or of all, valued as the ledger had it at
     * {@code recordedAt}: deals, marks and exits recorded later are left out, even back-dated ones (null: all).
     */
    public List<DealValue> asOf(LocalDate asOf, Instant recordedAt, String fundId) {
        return value(asOf, recordedAt, fundId, null);
    }

    /** One deal closed on or before the date, or none. */
    public List<DealValue> deal(LocalDate asOf, String dealId) {
        return value(asOf, null, null, dealId);
    }

    private List<DealValue> value(LocalDate asOf, Instant recordedAt, String fundId, String dealId) {
        String filter = (fundId != null ? " AND fund_id = ?" : "") + (dealId != null ? " AND deal_id = ?" : "");
        String recorded = recordedAt == null ? "" : " AND recorded_at <= ?";
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(asOf)));
        if (recordedAt != null) {
            args.add(Timestamp.from(recordedAt));
        }
        if (fundId != null) {
            args.add(fundId);
        }
        if (dealId != null) {
            args.add(dealId);
        }
        Map<String, List<Exit>> exits = new HashMap<>();
        jdbc.query("SELECT deal_id, exited_on, portion_bp, cost_fen, proceeds_fen FROM equity_exit "
                + "WHERE exited_on <= ?" + recorded + filter + " ORDER BY exited_on, exit_id", rs -> {
                    exits.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(new Exit(localDate(rs, 2),
                            rs.getInt(3), rs.getLong(4), rs.getLong(5)));
                }, args.toArray());
        Map<String, Mark> marks = new HashMap<>();
        jdbc.query("SELECT m.deal_id, m.marked_on, m.value_fen, m.method FROM equity_mark m WHERE m.marked_on = "
                + "(SELECT MAX(x.marked_on) FROM equity_mark x WHERE x.deal_id = m.deal_id AND x.marked_on <= ?"
                + recorded.replace("recorded_at", "x.recorded_at") + ")"
                + filter.replace("fund_id", "m.fund_id").replace("deal_id", "m.deal_id"), rs -> {
                    marks.put(rs.getString(1), new Mark(localDate(rs, 2), rs.getLong(3), rs.getString(4)));
                }, args.toArray());
        return jdbc.query("SELECT deal_id, fund_id, project_id, company, closed_on, amount_fen, stake_bp FROM equity_deal "
                        + "WHERE closed_on <= ?" + recorded + filter + " ORDER BY deal_id",
                (rs, i) -> value(rs, exits.getOrDefault(rs.getString(1), List.of()), marks.get(rs.getString(1))),
                args.toArray());
    }

    private static DealValue value(ResultSet rs, List<Exit> exits, Mark mark) throws SQLException {
        long amount = rs.getLong(6);
        int sold = exits.stream().mapToInt(Exit::portionBp).sum();
        int held = Ratio.ONE - sold;
        long exitedCost = exits.stream().mapToLong(Exit::costFen).sum();
        long proceeds = exits.stream().mapToLong(Exit::proceedsFen).sum();
        long costHeld = amount - exitedCost;
        String status = held == 0 ? "EXITED" : held == Ratio.ONE ? "LIVE" : "PARTLY_EXITED";
        long nav;
        String basis;
        if (held == 0) {
            nav = 0;
            basis = "NONE";
        } else if (mark != null) {
            int heldAtMark = Ratio.ONE - exits.stream().filter(e -> !e.exitedOn.isAfter(mark.markedOn))
                    .mapToInt(Exit::portionBp).sum();
            nav = BigDecimal.valueOf(mark.valueFen).multiply(BigDecimal.valueOf(held))
                    .divide(BigDecimal.valueOf(heldAtMark), 0, RoundingMode.HALF_EVEN).longValueExact();
            basis = "MARK";
        } else {
            nav = costHeld;
            basis = "COST";
        }
        return new DealValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), localDate(rs, 5),
                amount, rs.getInt(7), status, held, exitedCost, costHeld, proceeds, nav, basis,
                mark == null ? null : mark.markedOn, mark == null ? null : mark.method,
                mark == null ? null : mark.valueFen);
    }

    static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private record Exit(LocalDate exitedOn, int portionBp, long costFen, long proceedsFen) {
    }

    private record Mark(LocalDate markedOn, long valueFen, String method) {
    }
}
