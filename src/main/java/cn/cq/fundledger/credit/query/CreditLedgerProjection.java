package cn.cq.fundledger.credit.query;

import static cn.cq.fundledger.system.ProjectionRows.date;
import static cn.cq.fundledger.system.ProjectionRows.position;

import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.BankReinstated;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.BankWarned;
import cn.cq.fundledger.credit.api.FuseThresholdsSet;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.EnterpriseEvaluated;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.LoanRepaid;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.api.RiskSharingRatioSet;
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
 * Builds the credit program's read model from its events. Every money-moving event becomes one row of
 * {@code credit_movement} holding its effect on each figure (issued, outstanding, defaulted, compensated,
 * waiting, recovered, pool recovered, contributed); a figure as of a date is the sum of its column over
 * the rows dated on or before it. Rows carry the event id, so any figure can be traced to its events.
 *
 * <p>Time comes from the events (business date, recorded timestamp), never from the clock: a replay
 * rebuilds the same rows.
 */
@Component
@ProcessingGroup(CreditLedgerProjection.PROCESSING_GROUP)
public class CreditLedgerProjection {

    public static final String PROCESSING_GROUP = "credit-ledger";

    static final String INSERT_MOVEMENT = "INSERT INTO credit_movement (event_id, global_index, recorded_at, "
            + "business_date, kind, fact_id, loan_id, enterprise_id, bank_id, district, source, loans, issued_fen, "
            + "outstanding_fen, defaulted_fen, compensated_fen, waiting_fen, recovered_fen, pool_recovered_fen, "
            + "contributed_fen, interest_fen, guided_loans, guided_fen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final ProjectionWriter writer;
    private final JdbcTemplate jdbc;

    public CreditLedgerProjection(ProjectionWriter writer, JdbcTemplate jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BankRegistered event) {
        writer.insert("INSERT INTO credit_bank (bank_id, name) VALUES (?, ?)", event.bankId(), event.name());
    }

    @EventHandler
    void on(EnterpriseEvaluated event, EventMessage<?> message) {
        writer.insert("INSERT INTO credit_evaluation (enterprise_id, evaluated_on, enterprise_name, district, grade, "
                        + "valid_until, credit_line_fen, event_id) VALUES (?,?,?,?,?,?,?,?)", event.enterpriseId(),
                date(event.evaluatedOn()), event.enterpriseName(), event.district(), event.grade().name(),
                date(event.validUntil()), event.creditLine().fen(), message.getIdentifier());
    }

    @EventHandler
    void on(RiskSharingRatioSet event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(RequestContext.USER) String user) {
        writer.insert("INSERT INTO credit_risk_sharing (global_index, effective_from, bank_id, fund_share_bp, "
                        + "recorded_by, recorded_at) VALUES (?,?,?,?,?,?)", position(message),
                date(event.effectiveFrom()), event.bankId(), event.fundShare().basisPoints(), user,
                java.sql.Timestamp.from(recordedAt));
    }

    @EventHandler
    void on(PoolContributionReceived event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.contributedOn(), "CONTRIBUTION", event.contributionId(),
                event.district());
        m.contributed = event.amount().fen();
        m.source = event.source().name();
        write(m);
    }

    @EventHandler
    void on(LoanIssued event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO credit_loan (loan_id, bank_id, enterprise_id, district, principal_fen, "
                        + "annual_rate_bp, term_months, issued_on, grade, fund_share_bp) VALUES (?,?,?,?,?,?,?,?,?,?)",
                event.loanId(), event.bankId(), event.enterpriseId(), event.district(), event.principal().fen(),
                event.annualRate().basisPoints(), event.termMonths(), date(event.issuedOn()), event.grade().name(),
                event.fundShare().basisPoints());
        Movement m = new Movement(message, recordedAt, event.issuedOn(), "LOAN_ISSUED", event.loanId(),
                event.district());
        m.loan(event.loanId(), event.enterpriseId(), event.bankId());
        m.loans = 1;
        m.issued = event.principal().fen();
        m.outstanding = event.principal().fen();
        write(m);
    }

    @EventHandler
    void on(LoanRepaid event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.paidOn(), "REPAYMENT", event.repaymentId(),
                event.district());
        m.loan(event.loanId(), null, event.bankId());
        m.outstanding = -event.principal().fen();
        m.interest = event.interest().fen();
        write(m);
    }

    @EventHandler
    void on(LoanDefaulted event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.declaredOn(), "DEFAULT", event.loanId(),
                event.district());
        m.loan(event.loanId(), event.enterpriseId(), event.bankId());
        m.outstanding = -event.unrecoveredPrincipal().fen();
        m.defaulted = event.unrecoveredPrincipal().fen();
        write(m);
    }

    @EventHandler
    void on(CompensationClaimed event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        writer.insert("INSERT INTO credit_claim (claim_id, loan_id, bank_id, district, claimed_on, unrecovered_fen, "
                        + "fund_share_bp, pool_share_fen, bank_share_fen) VALUES (?,?,?,?,?,?,?,?,?)",
                event.claimId(), event.loanId(), event.bankId(), event.district(), date(event.claimedOn()),
                event.unrecoveredPrincipal().fen(), event.fundShare().basisPoints(), event.poolShare().fen(),
                event.bankShare().fen());
        Movement m = new Movement(message, recordedAt, event.claimedOn(), "CLAIM", event.claimId(), event.district());
        m.loan(event.loanId(), null, event.bankId());
        m.waiting = event.poolShare().fen();
        write(m);
    }

    @EventHandler
    void on(CompensationPaid event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.paidOn(), "COMPENSATION", event.claimId(),
                event.district());
        m.loan(event.loanId(), null, event.bankId());
        m.waiting = -event.amount().fen();
        m.compensated = event.amount().fen();
        write(m);
    }

    @EventHandler
    void on(RecoveryRecorded event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.recoveredOn(), "RECOVERY", event.recoveryId(),
                event.district());
        m.loan(event.loanId(), null, event.bankId());
        m.recovered = event.amount().fen();
        m.poolRecovered = event.poolShare().fen();
        write(m);
    }

    @EventHandler
    void on(GuidedLoanRecorded event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Movement m = new Movement(message, recordedAt, event.issuedOn(), "GUIDED_LOAN", event.loanId(),
                event.district());
        m.loan(null, event.enterpriseId(), event.bankId());
        m.guidedLoans = 1;
        m.guided = event.principal().fen();
        write(m);
    }

    @EventHandler
    void on(FuseThresholdsSet event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(RequestContext.USER) String user) {
        writer.insert("INSERT INTO credit_fuse_threshold (global_index, effective_from, warning_bp, suspension_bp, "
                        + "recorded_by, recorded_at) VALUES (?,?,?,?,?,?)", position(message),
                date(event.effectiveFrom()), event.warning().basisPoints(), event.suspension().basisPoints(), user,
                java.sql.Timestamp.from(recordedAt));
    }

    @EventHandler
    void on(BankWarned event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user) {
        bankStatus(message, event.bankId(), event.warnedOn(), "WARNED", event.lossRate().basisPoints(),
                "loss rate " + event.lossRate() + " reached the warning threshold " + event.threshold()
                        + " with the default of " + event.causedBy(), user);
    }

    @EventHandler
    void on(BankSuspended event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user) {
        bankStatus(message, event.bankId(), event.suspendedOn(), "SUSPENDED", event.lossRate().basisPoints(),
                "loss rate " + event.lossRate() + " reached the suspension threshold " + event.threshold()
                        + " with the default of " + event.causedBy(), user);
    }

    @EventHandler
    void on(BankReinstated event, EventMessage<?> message, @MetaDataValue(RequestContext.USER) String user) {
        bankStatus(message, event.bankId(), event.reinstatedOn(), "REINSTATED", null, event.reason(), user);
    }

    private void bankStatus(EventMessage<?> message, String bankId, LocalDate date, String status, Integer lossRateBp,
                            String reason, String user) {
        writer.insert("INSERT INTO credit_bank_status (global_index, bank_id, business_date, status, loss_rate_bp, "
                + "reason, recorded_by) VALUES (?,?,?,?,?,?,?)", position(message), bankId, date(date), status,
                lossRateBp, reason, user);
    }

    @EventHandler
    void on(FactReversed event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(RequestContext.USER) String user) {
        writer.insert("INSERT INTO credit_reversal (event_id, global_index, recorded_at, business_date, kind, fact_id, "
                        + "reverses_event_id, reason, replaced_by, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
                message.getIdentifier(), position(message), java.sql.Timestamp.from(recordedAt),
                date(event.businessDate()), event.kind().name(), event.factId(), event.reversesEventId(),
                event.reason(), event.replacedBy(), user);
        if (event.kind() == ReverseFact.FactKind.EVALUATION) {
            return; // moves no money: the evaluation's grade simply no longer counts for new loans
        }
        // the fact's own row, negated, at the fact's own business date
        Movement m = new Movement(message, recordedAt, event.businessDate(), "REVERSAL", event.factId(),
                event.district());
        switch (event.kind()) {
            case REPAYMENT -> {
                m.loan(event.loanId(), null, event.bankId());
                m.outstanding = event.principal().fen();
                m.interest = -event.interest().fen();
            }
            case CONTRIBUTION -> {
                m.contributed = -event.amount().fen();
                m.source = event.source().name();
            }
            case GUIDED_LOAN -> {
                m.loan(null, event.enterpriseId(), event.bankId());
                m.guidedLoans = -1;
                m.guided = -event.principal().fen();
            }
            case LOAN -> {
                m.loan(event.loanId(), event.enterpriseId(), event.bankId());
                m.loans = -1;
                m.issued = -event.principal().fen();
                m.outstanding = -event.principal().fen();
            }
            case DEFAULT -> {
                m.loan(event.loanId(), event.enterpriseId(), event.bankId());
                m.outstanding = event.principal().fen();
                m.defaulted = -event.principal().fen();
            }
            case CLAIM -> {
                m.loan(event.loanId(), null, event.bankId());
                m.waiting = -event.poolShare().fen();
            }
            case RECOVERY -> {
                m.loan(event.loanId(), null, event.bankId());
                m.recovered = -event.amount().fen();
                m.poolRecovered = -event.poolShare().fen();
            }
            default -> throw new IllegalStateException("no movement for a reversed " + event.kind());
        }
        write(m);
    }

    @ResetHandler
    void reset() {
        for (String table : new String[]{"credit_movement", "credit_loan", "credit_bank", "credit_evaluation",
                "credit_risk_sharing", "credit_claim", "credit_bank_status", "credit_fuse_threshold", "credit_reversal"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    private void write(Movement m) {
        writer.insert(INSERT_MOVEMENT, m.eventId, m.globalIndex, java.sql.Timestamp.from(m.recordedAt), date(m.businessDate),
                m.kind, m.factId, m.loanId, m.enterpriseId, m.bankId, m.district, m.source, m.loans, m.issued,
                m.outstanding, m.defaulted, m.compensated, m.waiting, m.recovered, m.poolRecovered, m.contributed,
                m.interest, m.guidedLoans, m.guided);
    }



    /** One row of credit_movement: the effect of one event on each figure. */
    private static final class Movement {
        final String eventId;
        final long globalIndex;
        final Instant recordedAt;
        final LocalDate businessDate;
        final String kind;
        final String factId;
        final String district;
        String loanId;
        String enterpriseId;
        String bankId;
        String source;
        int loans;
        long issued;
        long outstanding;
        long defaulted;
        long compensated;
        long waiting;
        long recovered;
        long poolRecovered;
        long contributed;
        long interest;
        int guidedLoans;
        long guided;

        Movement(EventMessage<?> message, Instant recordedAt, LocalDate businessDate, String kind, String factId,
                 String district) {
            this.eventId = message.getIdentifier();
            this.globalIndex = position(message);
            this.recordedAt = recordedAt;
            this.businessDate = businessDate;
            this.kind = kind;
            this.factId = factId;
            this.district = district;
        }

        void loan(String loanId, String enterpriseId, String bankId) {
            this.loanId = loanId;
            this.enterpriseId = enterpriseId;
            this.bankId = bankId;
        }
    }
}
