package cn.cq.fundledger.equityfund.query;

import cn.cq.fundledger.equityfund.query.EquityViews.ReversalView;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reversals of equity facts as the ledger had them at an instant ({@code recordedAt}; null: all recorded), by
 * the event they reverse: a fact is reversed as of that instant when its reversal was recorded by then.
 */
final class Reversals {

    private final Map<String, ReversalView> byReversedEvent;

    private Reversals(Map<String, ReversalView> byReversedEvent) {
        this.byReversedEvent = byReversedEvent;
    }

    /** The reversals recorded by {@code recordedAt}, of one fund's or one deal's facts when those are given. */
    static Reversals read(JdbcTemplate jdbc, Instant recordedAt, String fundId, String dealId) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT reverses_event_id, event_id, recorded_at, recorded_by, reason, "
                + "replaced_by FROM equity_reversal WHERE 1 = 1");
        if (recordedAt != null) {
            sql.append(" AND recorded_at <= ?");
            args.add(Timestamp.from(recordedAt));
        }
        if (fundId != null) {
            sql.append(" AND fund_id = ?");
            args.add(fundId);
        }
        if (dealId != null) {
            sql.append(" AND deal_id = ?");
            args.add(dealId);
        }
        Map<String, ReversalView> reversals = new HashMap<>();
        jdbc.query(sql.toString(), rs -> {
            reversals.put(rs.getString(1), new ReversalView(rs.getString(2), rs.getTimestamp(3).toInstant(),
                    rs.getString(4), rs.getString(5), rs.getString(6)));
        }, args.toArray());
        return new Reversals(reversals);
    }

    /** The reversal of the fact recorded by the event, or null when it stands. */
    ReversalView of(String eventId) {
        return byReversedEvent.get(eventId);
    }

    boolean reversed(String eventId) {
        return byReversedEvent.containsKey(eventId);
    }
}
