package cn.cq.fundledger.audit;

import static cn.cq.fundledger.system.ProjectionRows.date;
import static cn.cq.fundledger.system.ProjectionRows.position;

import cn.cq.fundledger.system.ProjectionWriter;
import cn.cq.fundledger.system.RequestContext;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Indexes every event for auditors: type, aggregate, business date, recorded time, user, correlation id. */
@Component
@ProcessingGroup(EventIndexProjection.PROCESSING_GROUP)
public class EventIndexProjection {

    public static final String PROCESSING_GROUP = "audit-index";

    private final ProjectionWriter writer;
    private final JdbcTemplate jdbc;

    public EventIndexProjection(ProjectionWriter writer, JdbcTemplate jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        Object user = message.getMetaData().get(RequestContext.USER);
        Object correlation = message.getMetaData().get(RequestContext.CORRELATION_ID);
        Object source = message.getMetaData().get(RequestContext.SOURCE);
        writer.insert("INSERT INTO audit_event (global_index, event_id, aggregate_type, aggregate_id, sequence_number, "
                        + "event_type, business_date, recorded_at, recorded_by, correlation_id, source) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?)", position(message), message.getIdentifier(),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(), payload.getClass().getSimpleName(),
                date(BusinessDates.of(payload)), Timestamp.from(message.getTimestamp()), text(user), text(correlation),
                text(source));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM audit_event");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
