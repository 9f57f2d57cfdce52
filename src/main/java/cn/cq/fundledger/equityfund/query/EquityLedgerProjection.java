package cn.cq.fundledger.equityfund.query;

import static cn.cq.fundledger.system.ProjectionRows.date;
import static cn.cq.fundledger.system.ProjectionRows.position;

import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.CapitalCommitted;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.DealMarked;
import cn.cq.fundledger.equityfund.api.DistributionMade;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.EquityFundEstablished;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.system.ProjectionWriter;
import cn.cq.fundledger.system.RequestContext;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the equity program's read model from its events. Every money-moving event becomes one row of
 * {@code equity_movement} (committed, called, invested, exited cost, proceeds, distributed) and, when it
 * concerns partners, one row per partner in {@code equity_partner_movement}; a figure as of a date is the sum
 * of its column over the rows dated on or before it. Deals, marks and exits are also kept with their terms,
 * from which the reports value the live deals, and every reversal in {@code equity_reversal}: a reversal also adds a
 * movement row (kind REVERSAL) negating the fact's, so that the sums net it out from its own business date on.
 *
 * <p>Time comes from the events (business date, recorded timestamp), never from the clock: a replay rebuilds
 * the same rows.
 */
@Component
@ProcessingGroup(EquityLedgerProjection.PROCESSING_GROUP)
public class EquityLedgerProjection {

    public static final String PROCESSING_GROUP = "equity-ledger";

    static final String INSERT_MOVEMENT = "INSERT INTO equity_movement (event_id, global_index, recorded_at, "
            + "business_date, kind, fact_id, fund_id, deal_id, project_id, committed_fen, called_fen, invested_fen, "
            + "deals, exited_cost_fen, proceeds_fen, distributed_fen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String INSERT_PARTNER_MOVEMENT = "INSERT INTO equity_partner_movement (event_id, partner, "
            + "partner_position, global_index, recorded_at, business_date, kind, fact_id, fund_id, committed_fen, "
            + "called_fen, distributed_fen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";

    private final ProjectionWriter writer;
    private final JdbcTemplate jdbc;
    public EquityLedgerProjection(ProjectionWriter writer, JdbcTemplate jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EquityFundEstablished event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO equity_fund (event_id, global_index, recorded_at, fund_id, name, established_on) "
                        + "VALUES (?,?,?,?,?,?)", message.getIdentifier(), position(message),
                java.sql.Timestamp.from(recordedAt), event.fundId(), event.name(), date(event.establishedOn()));
    }

    @EventHandler
    void on(CapitalCommitted event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        String factId = event.fundId() + "/" + event.partner() + "@" + event.committedOn();
        Movement m = new Movement(message, recordedAt, event.committedOn(), "COMMITMENT", factId, event.fundId());
        m.committed = event.amount().fen();
        write(m);
        partner(message, recordedAt, event.committedOn(), "COMMITMENT", factId, event.fundId(), event.partner(),
                event.partnerPosition(), event.amount().fen(), 0, 0);
    }

    @EventHandler
    void on(CapitalCalled event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.calledOn(), "CALL", event.callId(), event.fundId());
        m.called = event.amount().fen();
        write(m);
        for (PartnerAmount part : event.parts()) {
            partner(message, recordedAt, event.calledOn(), "CALL", event.callId(), event.fundId(), part.partner(),
                    part.partnerPosition(), 0, part.amount().fen(), 0);
        }
    }

    @EventHandler
    void on(DealClosed event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO equity_deal (event_id, global_index, recorded_at, deal_id, fund_id, project_id, "
                        + "company, amount_fen, stake_bp, closed_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
                message.getIdentifier(), position(message), java.sql.Timestamp.from(recordedAt), event.dealId(),
                event.fundId(), event.projectId(), event.company(), event.amount().fen(), event.stake().basisPoints(),
                date(event.closedOn()));
        Movement m = new Movement(message, recordedAt, event.closedOn(), "DEAL", event.dealId(), event.fundId());
        m.deal(event.dealId(), event.projectId());
        m.invested = event.amount().fen();
        m.deals = 1;
        write(m);
    }

    @EventHandler
    void on(DealMarked event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user,
            @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO equity_mark (event_id, global_index, recorded_at, deal_id, marked_on, fund_id, "
                        + "value_fen, method, recorded_by) VALUES (?,?,?,?,?,?,?,?,?)", message.getIdentifier(),
                position(message), java.sql.Timestamp.from(recordedAt), event.dealId(), date(event.markedOn()),
                event.fundId(), event.value().fen(), event.method().name(), user);
    }

    @EventHandler
    void on(DealExited event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO equity_exit (event_id, global_index, recorded_at, exit_id, deal_id, fund_id, "
                        + "exited_on, portion_bp, cost_fen, held_after_bp, full_exit, proceeds_fen) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", message.getIdentifier(), position(message),
                java.sql.Timestamp.from(recordedAt), event.exitId(), event.dealId(), event.fundId(),
                date(event.exitedOn()), event.portion().basisPoints(), event.cost().fen(),
                event.heldAfter().basisPoints(), event.full(), event.proceeds().fen());
        Movement m = new Movement(message, recordedAt, event.exitedOn(), "EXIT", event.exitId(), event.fundId());
        m.deal(event.dealId(), event.projectId());
        m.exitedCost = event.cost().fen();
        m.proceeds = event.proceeds().fen();
        write(m);
    }

    @EventHandler
    void on(DistributionMade event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.distributedOn(), "DISTRIBUTION", event.distributionId(),
                event.fundId());
        m.distributed = event.amount().fen();
        write(m);
        for (PartnerAmount part : event.parts()) {
            partner(message, recordedAt, event.distributedOn(), "DISTRIBUTION", event.distributionId(), event.fundId(),
                    part.partner(), part.partnerPosition(), 0, 0, part.amount().fen());
        }
    }

    /**
     * A reversal: its row in equity_reversal, and (but for a mark, which moves no figure) one movement row at the
     * reversed fact's business date with every figure of the fact negated, and one per partner negating its part, so
     * every sum as of any date nets the fact out while the fact's own rows stay as recorded.
     */
    @EventHandler
    void on(EquityFactReversed event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user,
            @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO equity_reversal (event_id, global_index, recorded_at, recorded_by, business_date, "
                        + "kind, fact_id, reverses_event_id, fund_id, deal_id, reason, replaced_by) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", message.getIdentifier(), position(message),
                java.sql.Timestamp.from(recordedAt), user, date(event.businessDate()), event.kind().name(),
                event.factId(), event.reversesEventId(), event.fundId(), event.dealId(), event.reason(),
                event.replacedBy());
        if (event.kind() == FactKind.MARK) {
            return;
        }
        Movement m = new Movement(message, recordedAt, event.businessDate(), "REVERSAL", event.factId(),
                event.fundId());
        long amount = -event.amount().fen();
        switch (event.kind()) {
            case COMMITMENT -> m.committed = amount;
            case CALL -> m.called = amount;
            case DEAL -> {
                m.deal(event.dealId(), event.projectId());
                m.invested = amount;
                m.deals = -1;
            }
            case EXIT -> {
                m.deal(event.dealId(), event.projectId());
                m.exitedCost = -event.exitedCost().fen();
                m.proceeds = amount;
            }
            case DISTRIBUTION -> m.distributed = amount;
            default -> throw new IllegalStateException("no movement for " + event.kind());
        }
        write(m);
        for (PartnerAmount part : event.parts()) {
            long undone = -part.amount().fen();
            partner(message, recordedAt, event.businessDate(), "REVERSAL", event.factId(), event.fundId(),
                    part.partner(), part.partnerPosition(), event.kind() == FactKind.COMMITMENT ? undone : 0,
                    event.kind() == FactKind.CALL ? undone : 0, event.kind() == FactKind.DISTRIBUTION ? undone : 0);
        }
    }

    @ResetHandler
    void reset() {
        for (String table : new String[]{"equity_movement", "equity_partner_movement", "equity_fund", "equity_deal",
                "equity_mark", "equity_exit", "equity_reversal"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    private void partner(EventMessage<?> message, Instant recordedAt, LocalDate businessDate, String kind,
                         String factId, String fundId, String partner, int partnerPosition, long committed,
                         long called, long distributed) {
        writer.insert(INSERT_PARTNER_MOVEMENT, message.getIdentifier(), partner, partnerPosition, position(message),
                java.sql.Timestamp.from(recordedAt), date(businessDate), kind, factId, fundId, committed, called,
                distributed);
    }

    private void write(Movement m) {
        writer.insert(INSERT_MOVEMENT, m.eventId, m.globalIndex, java.sql.Timestamp.from(m.recordedAt),
                date(m.businessDate), m.kind, m.factId, m.fundId, m.dealId, m.projectId, m.committed, m.called,
                m.invested, m.deals, m.exitedCost, m.proceeds, m.distributed);
    }



    /** One row of equity_movement: the effect of one event on each figure of its fund. */
    private static final class Movement {
        final String eventId;
        final long globalIndex;
        final Instant recordedAt;
        final LocalDate businessDate;
        final String kind;
        final String factId;
        final String fundId;
        String dealId;
        String projectId;
        long committed;
        long called;
        long invested;
        int deals;
        long exitedCost;
        long proceeds;
        long distributed;

        Movement(EventMessage<?> message, Instant recordedAt, LocalDate businessDate, String kind, String factId,
                 String fundId) {
            this.eventId = message.getIdentifier();
            this.globalIndex = position(message);
            this.recordedAt = recordedAt;
            this.businessDate = businessDate;
            this.kind = kind;
            this.factId = factId;
            this.fundId = fundId;
        }

        void deal(String dealId, String projectId) {
            this.dealId = dealId;
            this.projectId = projectId;
        }
    }
}
