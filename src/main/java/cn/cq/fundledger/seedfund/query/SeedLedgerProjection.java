package cn.cq.fundledger.seedfund.query;

import static cn.cq.fundledger.system.ProjectionRows.date;
import static cn.cq.fundledger.system.ProjectionRows.position;

import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.ScaleTargetSet;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFactReversed;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import cn.cq.fundledger.seedfund.api.SeedProgramOpened;
import cn.cq.fundledger.system.ProjectionWriter;
import cn.cq.fundledger.system.RequestContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the seed guidance fund's read model from its events. Every money-moving event (a fund set up, a
 * commitment raised, an investment, an exit) becomes one row of {@code seed_movement} holding its effect on
 * each figure; a figure as of a date is the sum of its column over the rows dated on or before it. Rows carry
 * the event id, so any figure can be traced to its events. Follow-on rounds are the enterprises' money, not the
 * funds': they are kept in {@code seed_round} and read by date.
 *
 * <p>A reversed fact keeps its rows. Its reversal adds a row to {@code seed_reversal} and, for a fund's money
 * (investment, exit, raise), a movement of kind {@code REVERSAL} dated with the fact's own business date with every
 * column of the fact's movement negated, so every sum as of any date from then on nets the fact out, while a read
 * as recorded before the reversal still sees it.
 *
 * <p>Time comes from the events (business date, recorded timestamp), never from the clock: a replay rebuilds
 * the same rows.
 */
@Component
@ProcessingGroup(SeedLedgerProjection.PROCESSING_GROUP)
public class SeedLedgerProjection {

    public static final String PROCESSING_GROUP = "seed-ledger";

    static final String INSERT_MOVEMENT = "INSERT INTO seed_movement (event_id, global_index, recorded_at, "
            + "business_date, kind, fact_id, fund_id, investment_id, project_id, instrument, route, vintage_year, "
            + "committed_fen, investments, invested_fen, active_fen, exits, exited_cost_fen, write_offs, "
            + "written_off_fen, proceeds_fen, city_proceeds_fen, partner_proceeds_fen) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final ProjectionWriter writer;
    private final JdbcTemplate jdbc;

    public SeedLedgerProjection(ProjectionWriter writer, JdbcTemplate jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SeedProgramOpened event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user) {
        for (ProjectCapSet version : event.projectCaps()) {
            cap(message, version, user);
        }
        target(message, new ScaleTargetSet(event.targetScale(), event.targetDate()), user);
    }

    @EventHandler
    void on(ProjectCapSet event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user) {
        cap(message, event, user);
    }

    @EventHandler
    void on(ScaleTargetSet event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user) {
        target(message, event, user);
    }

    @EventHandler
    void on(SeedFundEstablished event, EventMessage<?> message) {
        writer.insert("INSERT INTO seed_fund (fund_id, name, partner, city_share_bp, committed_fen, established_on, "
                        + "recorded_at) VALUES (?,?,?,?,?,?,?)", event.fundId(), event.name(), event.partner(),
                event.cityShare().basisPoints(), event.committed().fen(), date(event.establishedOn()),
                recordedAt(message));
        Movement m = new Movement(message, event.establishedOn(), "FUND_ESTABLISHED", event.fundId(), event.fundId());
        m.committed = event.committed().fen();
        write(m);
    }

    @EventHandler
    void on(SeedCommitmentRaised event, EventMessage<?> message) {
        Movement m = new Movement(message, event.raisedOn(), "COMMITMENT_RAISED", event.raiseId(), event.fundId());
        m.committed = event.increase().fen();
        write(m);
    }

    @EventHandler
    void on(SeedInvestmentMade event, EventMessage<?> message) {
        writer.insert("INSERT INTO seed_investment (investment_id, fund_id, project_id, enterprise_name, instrument, "
                        + "amount_fen, equity_bp, invested_on, project_cap_fen, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                event.investmentId(), event.fundId(), event.projectId(), event.enterpriseName(),
                event.instrument().name(), event.amount().fen(),
                event.equityStake() == null ? null : event.equityStake().basisPoints(), date(event.investedOn()),
                event.projectCap().fen(), recordedAt(message));
        Movement m = new Movement(message, event.investedOn(), "INVESTMENT", event.investmentId(), event.fundId());
        m.investment(event.investmentId(), event.projectId(), event.instrument().name(), event.investedOn().getYear());
        m.investments = 1;
        m.invested = event.amount().fen();
        m.active = event.amount().fen();
        write(m);
    }

    @EventHandler
    void on(FollowOnRoundRecorded event, EventMessage<?> message) {
        writer.insert("INSERT INTO seed_round (round_id, project_id, investor, amount_fen, post_money_fen, closed_on, "
                        + "recorded_at, event_id, global_index) VALUES (?,?,?,?,?,?,?,?,?)", event.roundId(),
                event.projectId(), event.investor(), event.amount().fen(), event.postMoney().fen(),
                date(event.closedOn()), recordedAt(message), message.getIdentifier(), position(message));
    }

    @EventHandler
    void on(SeedInvestmentExited event, EventMessage<?> message) {
        writer.insert("INSERT INTO seed_exit (exit_id, investment_id, route, cost_fen, proceeds_fen, city_share_bp, "
                        + "city_proceeds_fen, partner_proceeds_fen, realised_gain_fen, exited_on, recorded_at, event_id, "
                        + "global_index) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", event.exitId(), event.investmentId(),
                event.route().name(), event.cost().fen(), event.proceeds().fen(), event.cityShare().basisPoints(),
                event.cityProceeds().fen(), event.partnerProceeds().fen(), event.realisedGain().fen(),
                date(event.exitedOn()), recordedAt(message), message.getIdentifier(), position(message));
        Movement m = new Movement(message, event.exitedOn(), "EXIT", event.exitId(), event.fundId());
        m.investment(event.investmentId(), event.projectId(), event.instrument().name(), event.investedOn().getYear());
        m.route = event.route().name();
        m.active = -event.cost().fen();
        if (event.route() == ExitRoute.WRITE_OFF) {
            m.writeOffs = 1;
            m.writtenOff = event.cost().fen();
        } else {
            m.exits = 1;
            m.exitedCost = event.cost().fen();
        }
        m.proceeds = event.proceeds().fen();
        m.cityProceeds = event.cityProceeds().fen();
        m.partnerProceeds = event.partnerProceeds().fen();
        write(m);
    }

    /**
     * A reversal: its row in {@code seed_reversal}, and for an investment, an exit or a raise the fact's movement
     * with every column negated, at the fact's own business date.
     */
    @EventHandler
    void on(SeedFactReversed event, EventMessage<?> message) {
        writer.insert("INSERT INTO seed_reversal (event_id, global_index, recorded_at, kind, fact_id, reverses_event_id, "
                        + "reason, replaced_by, business_date, fund_id, investment_id, project_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", message.getIdentifier(), position(message),
                recordedAt(message), event.kind().name(), event.factId(), event.reversesEventId(), event.reason(),
                event.replacedBy(), date(event.businessDate()), event.fundId(), event.investmentId(),
                event.projectId());
        Movement m = new Movement(message, event.businessDate(), "REVERSAL", event.factId(), event.fundId());
        switch (event.kind()) {
            case INVESTMENT -> {
                m.investment(event.investmentId(), event.projectId(), event.instrument().name(), event.vintageYear());
                m.investments = -1;
                m.invested = -event.amount().fen();
                m.active = -event.amount().fen();
            }
            case EXIT -> {
                m.investment(event.investmentId(), event.projectId(), event.instrument().name(), event.vintageYear());
                m.route = event.route().name();
                m.active = event.amount().fen();
                if (event.route() == ExitRoute.WRITE_OFF) {
                    m.writeOffs = -1;
                    m.writtenOff = -event.amount().fen();
                } else {
                    m.exits = -1;
                    m.exitedCost = -event.amount().fen();
                }
                m.proceeds = -event.proceeds().fen();
                m.cityProceeds = -event.cityProceeds().fen();
                m.partnerProceeds = -event.partnerProceeds().fen();
            }
            case COMMITMENT_RAISE -> m.committed = -event.amount().fen();
            case FOLLOW_ON_ROUND -> {
                return; // a round is the enterprise's money, not a fund's: it has no movement to net out
            }
            default -> throw new IllegalStateException("unknown kind " + event.kind());
        }
        write(m);
    }

    @ResetHandler
    void reset() {
        for (String table : new String[]{"seed_movement", "seed_fund", "seed_investment", "seed_exit", "seed_round",
                "seed_cap_version", "seed_target", "seed_reversal"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    private void cap(EventMessage<?> message, ProjectCapSet version, String user) {
        writer.insert("INSERT INTO seed_cap_version (global_index, effective_from, cap_fen, recorded_by, recorded_at) "
                        + "VALUES (?,?,?,?,?)", position(message), date(version.effectiveFrom()), version.cap().fen(),
                user, Timestamp.from(message.getTimestamp()));
    }

    private void target(EventMessage<?> message, ScaleTargetSet target, String user) {
        writer.insert("INSERT INTO seed_target (global_index, target_date, target_fen, recorded_by, recorded_at, "
                        + "event_id) VALUES (?,?,?,?,?,?)", position(message), date(target.targetDate()),
                target.targetScale().fen(), user, Timestamp.from(message.getTimestamp()), message.getIdentifier());
    }

    /** When the event was recorded: its own timestamp, never the clock (a replay writes the same value). */
    private static Timestamp recordedAt(EventMessage<?> message) {
        return Timestamp.from(message.getTimestamp());
    }

    private void write(Movement m) {
        writer.insert(INSERT_MOVEMENT, m.eventId, m.globalIndex, Timestamp.from(m.recordedAt), date(m.businessDate),
                m.kind, m.factId, m.fundId, m.investmentId, m.projectId, m.instrument, m.route, m.vintageYear,
                m.committed, m.investments, m.invested, m.active, m.exits, m.exitedCost, m.writeOffs, m.writtenOff,
                m.proceeds, m.cityProceeds, m.partnerProceeds);
    }



    /** One row of seed_movement: the effect of one event on each figure. */
    private static final class Movement {
        final String eventId;
        final long globalIndex;
        final Instant recordedAt;
        final LocalDate businessDate;
        final String kind;
        final String factId;
        final String fundId;
        String investmentId;
        String projectId;
        String instrument;
        String route;
        Integer vintageYear;
        long committed;
        int investments;
        long invested;
        long active;
        int exits;
        long exitedCost;
        int writeOffs;
        long writtenOff;
        long proceeds;
        long cityProceeds;
        long partnerProceeds;

        Movement(EventMessage<?> message, LocalDate businessDate, String kind, String factId, String fundId) {
            this.eventId = message.getIdentifier();
            this.globalIndex = position(message);
            this.recordedAt = message.getTimestamp();
            this.businessDate = businessDate;
            this.kind = kind;
            this.factId = factId;
            this.fundId = fundId;
        }

        void investment(String investmentId, String projectId, String instrument, int vintageYear) {
            this.investmentId = investmentId;
            this.projectId = projectId;
            this.instrument = instrument;
            this.vintageYear = vintageYear;
        }
    }
}
