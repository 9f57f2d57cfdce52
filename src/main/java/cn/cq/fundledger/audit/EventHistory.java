package cn.cq.fundledger.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The event history as auditors read it: filtered and paged with each event's payload, business date,
 * recorded time, user, correlation id and chain hash; or exported whole as JSON Lines, streamed row by row.
 */
@Component
public class EventHistory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EventHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What to select; every field is optional. */
    public record Filter(String type, String aggregateId, LocalDate businessFrom, LocalDate businessTo,
                         Instant recordedFrom, Instant recordedTo, String user, String correlationId) {
    }

    public record HistoryEvent(long position, String eventId, String type, String aggregateType, String aggregateId,
                               Long sequenceNumber, LocalDate businessDate, Instant recordedAt, String user,
                               String correlationId, String source, JsonNode payload, JsonNode metaData,
                               String hash) {
    }

    public record Page(long total, int page, int size, List<HistoryEvent> events) {
    }

    private static final String COLUMNS = "a.global_index, a.event_id, a.event_type, a.aggregate_type, a.aggregate_id, "
            + "a.sequence_number, a.business_date, a.recorded_at, a.recorded_by, a.correlation_id, a.source, e.payload, "
            + "e.metaData, c.hash, c.previous_hash, e.payloadType, e.payloadRevision, e.timeStamp, e.type";

    /** Who recorded an event, from which file and row (or request), under which correlation id. */
    public record Origin(String user, String source, String correlationId) {
    }

    /** The origins of the events at the given positions of the global index, for explanations that list them. */
    public java.util.Map<Long, Origin> origins(java.util.Collection<Long> positions) {
        java.util.Map<Long, Origin> origins = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(positions);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT global_index, recorded_by, source, correlation_id FROM audit_event WHERE global_index IN ("
                    + marks + ")", rs -> {
                origins.put(rs.getLong(1), new Origin(rs.getString(2), rs.getString(3), rs.getString(4)));
            }, chunk.toArray());
        }
        return origins;
    }

    public Page page(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event a" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<HistoryEvent> events = jdbc.query("SELECT " + COLUMNS + FROM + where
                + " ORDER BY a.global_index LIMIT ? OFFSET ?", (rs, i) -> event(rs), args.toArray());
        return new Page(total == null ? 0 : total, page, size, events);
    }

    private static final String FROM = " FROM audit_event a JOIN DomainEventEntry e ON e.globalIndex = a.global_index "
            + "LEFT JOIN event_chain c ON c.global_index = a.global_index";

    /**
     * Writes the selected events as JSON Lines, one event a line, in global order, streamed from the database.
     * Each line carries the stored payload and metadata as strings, byte for byte, with the event's identifiers,
     * type, timestamp and chain hashes, so that a verifier can recompute the chain from the file alone.
     */
    public long export(Filter filter, OutputStream out) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        long[] count = {0};
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(1000);
        // only the sealed history: an event not yet linked (one beyond a gap still being committed) has no hash
        // to check yet, and comes with a later export
        streaming.query("SELECT " + COLUMNS + FROM.replace("LEFT JOIN event_chain", "JOIN event_chain") + where
                + " ORDER BY a.global_index", rs -> {
            try {
                JsonGenerator line = json.getFactory().createGenerator(out);
                line.writeStartObject();
                line.writeNumberField("position", rs.getLong(1));
                line.writeStringField("eventId", rs.getString(2));
                line.writeStringField("aggregateType", rs.getString(19));
                line.writeStringField("aggregateId", rs.getString(5));
                line.writeNumberField("sequenceNumber", rs.getLong(6));
                line.writeStringField("type", rs.getString(3));
                line.writeStringField("payloadType", rs.getString(16));
                line.writeStringField("payloadRevision", rs.getString(17));
                line.writeStringField("timestamp", rs.getString(18));
                line.writeStringField("businessDate", rs.getDate(7) == null ? null : rs.getDate(7).toString());
                line.writeStringField("user", rs.getString(9));
                line.writeStringField("correlationId", rs.getString(10));
                line.writeStringField("payload", text(rs.getBytes(12)));
                line.writeStringField("metaData", text(rs.getBytes(13)));
                line.writeStringField("previousHash", rs.getString(15));
                line.writeStringField("hash", rs.getString(14));
                line.writeEndObject();
                line.flush();
                out.write('\n');
                count[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, args.toArray());
        return count[0];
    }

    private HistoryEvent event(ResultSet rs) throws SQLException {
        Date business = rs.getDate(7);
        Timestamp recorded = rs.getTimestamp(8);
        return new HistoryEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                (Long) rs.getObject(6, Long.class), business == null ? null : business.toLocalDate(),
                recorded.toInstant(), rs.getString(9), rs.getString(10), rs.getString(11), tree(rs.getBytes(12)),
                tree(rs.getBytes(13)), rs.getString(14));
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return bytes == null ? null : json.readTree(bytes);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text(bytes));
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String where(Filter f, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (f.type() != null) {
            where.append(" AND a.event_type = ?");
            args.add(f.type());
        }
        if (f.aggregateId() != null) {
            where.append(" AND a.aggregate_id = ?");
            args.add(f.aggregateId());
        }
        if (f.businessFrom() != null) {
            where.append(" AND a.business_date >= ?");
            args.add(Date.valueOf(f.businessFrom()));
        }
        if (f.businessTo() != null) {
            where.append(" AND a.business_date <= ?");
            args.add(Date.valueOf(f.businessTo()));
        }
        if (f.recordedFrom() != null) {
            where.append(" AND a.recorded_at >= ?");
            args.add(Timestamp.from(f.recordedFrom()));
        }
        if (f.recordedTo() != null) {
            where.append(" AND a.recorded_at <= ?");
            args.add(Timestamp.from(f.recordedTo()));
        }
        if (f.user() != null) {
            where.append(" AND a.recorded_by = ?");
            args.add(f.user());
        }
        if (f.correlationId() != null) {
            where.append(" AND a.correlation_id = ?");
            args.add(f.correlationId());
        }
        return where.toString();
    }
}
