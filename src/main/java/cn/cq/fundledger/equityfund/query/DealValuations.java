package cn.cq.fundledger.equityfund.query;

import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.equityfund.query.EquityViews.ReversalView;
import cn.cq.fundledger.equityfund.query.EquityViews.ReversedDealView;
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
 *
 * <p>Reversed facts count as never recorded: a reversed mark is ignored (the previous mark, or the cost, values the
 * deal), a reversed exit sold nothing, a reversed deal is not valued but listed apart with its reversal. With
 * {@code recordedAt}, facts and reversals recorded later are left out, so a fact reversed after that instant still
 * counts.
 */
@Component
public class DealValuations {

    private final JdbcTemplate jdbc;

    public DealValuations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A reference to the event behind a row: its id, position in the store, business date and recorded instant. */
    record EventRef(String eventId, long position, LocalDate businessDate, Instant recordedAt) {
    }

    /** A deal valued, with the events its value comes from (the mark's is null when valued at cost or exited). */
    record Valued(DealValue value, EventRef deal, EventRef mark) {
    }

    /** The deals closed by the date: the live ones valued, the reversed ones apart. */
    record Book(List<Valued> live, List<ReversedDealView> reversed) {

        List<DealValue> values() {
            return live.stream().map(Valued::value).toList();
        }
    }

    /** Every deal closed on or before the date, of one fund or of all ({@code fundId} null), by deal id. */
    public List<DealValue> asOf(LocalDate asOf, String fundId) {
        return asOf(asOf, null, fundId);
    }

    /**
     * Every deal closed on or before the date and not reversed, of one fund or of all, valued as the ledger had it
     * at {@code recordedAt}: deals, marks, exits and reversals recorded later are left out, even back-dated ones
     * (null: all).
     */
    public List<DealValue> asOf(LocalDate asOf, Instant recordedAt, String fundId) {
        return book(asOf, recordedAt, fundId, null).values();
    }

    /** One deal closed on or before the date and not reversed, or none. */
    public List<DealValue> deal(LocalDate asOf, String dealId) {
        return book(asOf, null, null, dealId).values();
    }

    /** The deals closed by the date, of one fund, one deal or all, as the ledger had them at {@code recordedAt}. */
    Book book(LocalDate asOf, Instant recordedAt, String fundId, String dealId) {
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
        Reversals reversals = Reversals.read(jdbc, recordedAt, fundId, dealId);
        Map<String, List<Exit>> exits = new HashMap<>();
        jdbc.query("SELECT event_id, deal_id, exited_on, portion_bp, cost_fen, proceeds_fen FROM equity_exit "
                + "WHERE exited_on <= ?" + recorded + filter + " ORDER BY exited_on, global_index", rs -> {
                    if (!reversals.reversed(rs.getString(1))) {
                        exits.computeIfAbsent(rs.getString(2), d -> new ArrayList<>()).add(new Exit(localDate(rs, 3),
                                rs.getInt(4), rs.getLong(5), rs.getLong(6)));
                    }
                }, args.toArray());
        // the latest mark not reversed of each deal (one per deal and day stands at any instant)
        Map<String, Mark> marks = new HashMap<>();
        jdbc.query("SELECT event_id, global_index, recorded_at, deal_id, marked_on, value_fen, method FROM equity_mark "
                + "WHERE marked_on <= ?" + recorded + filter + " ORDER BY marked_on, global_index", rs -> {
                    if (!reversals.reversed(rs.getString(1))) {
                        LocalDate markedOn = localDate(rs, 5);
                        marks.put(rs.getString(4), new Mark(new EventRef(rs.getString(1), rs.getLong(2), markedOn,
                                rs.getTimestamp(3).toInstant()), rs.getLong(6), rs.getString(7)));
                    }
                }, args.toArray());
        List<Valued> live = new ArrayList<>();
        List<ReversedDealView> reversed = new ArrayList<>();
        jdbc.query("SELECT event_id, global_index, recorded_at, closed_on, deal_id, fund_id, project_id, company, "
                + "amount_fen, stake_bp FROM equity_deal WHERE closed_on <= ?" + recorded + filter
                + " ORDER BY deal_id", rs -> {
                    EventRef deal = new EventRef(rs.getString(1), rs.getLong(2), localDate(rs, 4),
                            rs.getTimestamp(3).toInstant());
                    ReversalView reversal = reversals.of(deal.eventId());
                    if (reversal != null) {
                        reversed.add(new ReversedDealView(rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), deal.businessDate(), rs.getLong(9), rs.getInt(10), reversal));
                    } else {
                        live.add(value(rs, deal, exits.getOrDefault(rs.getString(5), List.of()),
                                marks.get(rs.getString(5))));
                    }
                }, args.toArray());
        return new Book(live, reversed);
    }

    private static Valued value(ResultSet rs, EventRef deal, List<Exit> exits, Mark mark) throws SQLException {
        long amount = rs.getLong(9);
        int sold = exits.stream().mapToInt(Exit::portionBp).sum();
        int held = Ratio.ONE - sold;
        long exitedCost = exits.stream().mapToLong(Exit::costFen).sum();
        long proceeds = exits.stream().mapToLong(Exit::proceedsFen).sum();
        long costHeld = amount - exitedCost;
        String status = held == 0 ? "EXITED" : held == Ratio.ONE ? "LIVE" : "PARTLY_EXITED";
        long nav;
        String basis;
        Integer heldAtMark = null;
        EventRef navEvent;
        if (held == 0) {
            nav = 0;
            basis = "NONE";
            navEvent = null;
        } else if (mark != null) {
            heldAtMark = Ratio.ONE - exits.stream().filter(e -> !e.exitedOn.isAfter(mark.event.businessDate()))
                    .mapToInt(Exit::portionBp).sum();
            nav = BigDecimal.valueOf(mark.valueFen).multiply(BigDecimal.valueOf(held))
                    .divide(BigDecimal.valueOf(heldAtMark), 0, RoundingMode.HALF_EVEN).longValueExact();
            basis = "MARK";
            navEvent = mark.event;
        } else {
            nav = costHeld;
            basis = "COST";
            navEvent = deal;
        }
        DealValue value = new DealValue(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                deal.businessDate(), amount, rs.getInt(10), status, held, exitedCost, costHeld, proceeds, nav, basis,
                mark == null ? null : mark.event.businessDate(), mark == null ? null : mark.method,
                mark == null ? null : mark.valueFen, heldAtMark, navEvent == null ? null : navEvent.eventId());
        return new Valued(value, deal, mark == null ? null : mark.event);
    }

    static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private record Exit(LocalDate exitedOn, int portionBp, long costFen, long proceedsFen) {
    }

    private record Mark(EventRef event, long valueFen, String method) {
    }
}
