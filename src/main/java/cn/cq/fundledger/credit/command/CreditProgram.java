package cn.cq.fundledger.credit.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.Require;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.BankReinstated;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.BankWarned;
import cn.cq.fundledger.credit.api.FuseThresholdsSet;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.RecordGuidedLoan;
import cn.cq.fundledger.credit.api.ReinstateBank;
import cn.cq.fundledger.credit.api.SetFuseThresholds;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.ContributeToPool;
import cn.cq.fundledger.credit.api.CreditProgramOpened;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.EnterpriseEvaluated;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.IssueLoan;
import cn.cq.fundledger.credit.api.LoanClosed;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.LoanRepaid;
import cn.cq.fundledger.credit.api.LoanStatus;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.RecordEvaluation;
import cn.cq.fundledger.credit.api.RecordRecovery;
import cn.cq.fundledger.credit.api.RecordRepayment;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.credit.api.RegisterBank;
import cn.cq.fundledger.credit.api.RiskSharingRatioSet;
import cn.cq.fundledger.credit.domain.BankLosses;
import cn.cq.fundledger.credit.domain.Compensation;
import cn.cq.fundledger.credit.domain.DistrictPool;
import cn.cq.fundledger.credit.domain.FusePolicy;
import cn.cq.fundledger.credit.domain.RiskSharingPolicy;
import cn.cq.fundledger.credit.api.SetRiskSharingRatio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The knowledge-value credit program: banks, enterprise grades, the risk-sharing policy, the district risk
 * compensation pools and every loan.
 *
 * <p>One aggregate on purpose: its rules span loans. The credit line adds up an enterprise's loans, a
 * pool pays its claims strictly oldest first across loans, and the fuse (later) weighs all of a bank's
 * loans. Keeping them in one consistency boundary makes every refusal immediate and a bundle import
 * deterministic; the cost is that credit commands are handled one at a time, which is far above the
 * rate at which operators record facts (see docs/decisions.md).
 *
 * <p>Command handlers validate, then {@code apply()}; event sourcing handlers only set state. A command
 * whose id is already recorded with the same content is answered as a duplicate and records nothing;
 * with other content it is refused as a conflict.
 */
@Aggregate(cache = "creditProgramCache", commandTargetResolver = "creditProgramTargetResolver")
public class CreditProgram {

    /** The aggregate identifier of the program's ledger. */
    public static final String ID = "kv-credit";


    @AggregateIdentifier
    private String programId;
    private LocalDate programStart;
    private Map<Grade, Money> creditLines;
    private int gradeValidityMonths;
    private int maxTermMonths;

    private final Map<String, BankLosses> banks = new HashMap<>();
    private final FusePolicy fuse = new FusePolicy();
    private final Map<String, GuidedLoanRecorded> guidedLoans = new HashMap<>();
    private final Map<String, Enterprise> enterprises = new HashMap<>();
    private final RiskSharingPolicy riskSharing = new RiskSharingPolicy();
    private final Map<String, DistrictPool> pools = new HashMap<>();
    private final Map<String, PoolContributionReceived> contributions = new HashMap<>();
    private final Map<String, Loan> loans = new HashMap<>();
    private final Map<String, String> claimLoans = new HashMap<>();
    /** The event that recorded each reversible fact ("REPAYMENT:R1"), and the reason of each reversal. */
    private final Map<String, String> factEvents = new HashMap<>();
    private final Map<String, LoanRepaid> repaymentFacts = new HashMap<>();
    private final Map<String, FactReversed> reversals = new HashMap<>();
    private final Map<String, RecoveryRecorded> recoveryFacts = new HashMap<>();
    /** Reversed facts whose key may be recorded again: re-sending the very same fact is answered as a duplicate. */
    private final Map<String, EnterpriseEvaluated> reversedEvaluations = new HashMap<>();
    private final Map<String, Claim> reversedClaims = new HashMap<>();
    /** The evaluation each guided loan stood on when it was recorded. */
    private final Map<String, EnterpriseEvaluated> guidedEvaluations = new HashMap<>();
    /** For a key recorded again by a correction's own replacement: the event that recorded it. */
    private final Map<String, String> recordedByCorrection = new HashMap<>();
    private final java.util.Set<String> replacementPending = new java.util.HashSet<>();

    protected CreditProgram() {
        // for Axon
    }

    // ---------------------------------------------------------------- commands

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RegisterBank command, CreditProgramSettings settings) {
        openIfNew(settings);
        String bankId = Require.text(command.bankId(), "bankId");
        Require.name(command.name(), "name");
        BankLosses known = banks.get(bankId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.name().equals(command.name()), bankId, "bankId",
                    "bank " + bankId + " is already registered as '" + known.name() + "'");
        }
        apply(new BankRegistered(bankId, command.name()));
        return Recorded.applied(bankId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordEvaluation command, CreditProgramSettings settings) {
        openIfNew(settings);
        String enterpriseId = Require.text(command.enterpriseId(), "enterpriseId");
        Require.name(command.enterpriseName(), "enterpriseName");
        Require.text(command.district(), "district");
        Require.present(command.grade(), "grade");
        LocalDate evaluatedOn = Require.notBefore(command.evaluatedOn(), programStart, "evaluatedOn",
                "the start of the program");
        String key = enterpriseId + "@" + evaluatedOn;
        Enterprise enterprise = enterprises.get(enterpriseId);
        EnterpriseEvaluated reversed = reversedEvaluations.get(key);
        if (reversed != null && reversed.grade() == command.grade()
                && reversed.enterpriseName().equals(command.enterpriseName())
                && reversed.district().equals(command.district())) {
            return Recorded.duplicateOf(key); // the reversed evaluation, re-sent: stays reversed
        }
        if (enterprise != null && enterprise.evaluations.containsKey(evaluatedOn)) {
            EnterpriseEvaluated known = enterprise.evaluations.get(evaluatedOn);
            boolean same = known.grade() == command.grade() && known.enterpriseName().equals(command.enterpriseName())
                    && known.district().equals(command.district());
            return Recorded.duplicateOrConflict(same, key, "evaluatedOn", "enterprise " + enterpriseId
                    + " already has an evaluation on " + evaluatedOn + " (grade " + known.grade() + ")");
        }
        apply(new EnterpriseEvaluated(enterpriseId, command.enterpriseName(), command.district(), command.grade(),
                evaluatedOn, evaluatedOn.plusMonths(gradeValidityMonths), creditLines.get(command.grade())));
        return Recorded.applied(key);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(SetRiskSharingRatio command, CreditProgramSettings settings) {
        openIfNew(settings);
        LocalDate effectiveFrom = Require.notBefore(command.effectiveFrom(), programStart, "effectiveFrom",
                "the start of the program");
        Ratio fundShare = Require.atMostHundredPercent(command.fundShare(), "fundSharePct");
        String bankId = command.bankId() == null || command.bankId().isBlank() ? null : command.bankId();
        if (bankId != null) {
            bank(bankId);
        }
        String key = effectiveFrom + (bankId == null ? "" : "@" + bankId);
        Optional<RiskSharingPolicy.Version> known = riskSharing.recorded(effectiveFrom, bankId);
        if (known.isPresent()) {
            return Recorded.duplicateOrConflict(known.get().fundShare().equals(fundShare), key, "effectiveFrom",
                    "a ratio of " + known.get().fundShare() + " is already recorded from " + effectiveFrom
                            + (bankId == null ? " for all banks" : " for bank " + bankId));
        }
        apply(new RiskSharingRatioSet(effectiveFrom, fundShare, bankId));
        return Recorded.applied(key);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ContributeToPool command, CreditProgramSettings settings) {
        openIfNew(settings);
        String contributionId = Require.text(command.contributionId(), "contributionId");
        Require.text(command.district(), "district");
        Require.present(command.source(), "source");
        Money amount = Require.positive(command.amount(), "amount");
        LocalDate date = Require.notBefore(command.contributedOn(), programStart, "contributedOn",
                "the start of the program");
        PoolContributionReceived known = contributions.get(contributionId);
        PoolContributionReceived fact = new PoolContributionReceived(contributionId, command.district(),
                command.source(), amount, date);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.equals(fact), contributionId, "contributionId",
                    "contribution " + contributionId + " is already recorded with other content");
        }
        apply(fact);
        payWaitingClaims(pool(command.district()), date, contributionId);
        return Recorded.applied(contributionId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(IssueLoan command, CreditProgramSettings settings) {
        openIfNew(settings);
        String loanId = Require.text(command.loanId(), "loanId");
        Loan known = loans.get(loanId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.sameIssue(command), loanId, "loanId",
                    "loan " + loanId + " is already recorded with other content");
        }
        String bankId = Require.text(command.bankId(), "bankId");
        String enterpriseId = Require.text(command.enterpriseId(), "enterpriseId");
        String district = Require.text(command.district(), "district");
        Money principal = Require.positive(command.principal(), "principal");
        Ratio rate = Require.atMostHundredPercent(command.annualRate(), "annualRatePct");
        if (command.termMonths() < 1 || command.termMonths() > maxTermMonths) {
            throw RuleViolation.invalid("termMonths", "term-range",
                    "term must be 1 to " + maxTermMonths + " months, was " + command.termMonths());
        }
        LocalDate issuedOn = Require.notBefore(command.issuedOn(), programStart, "issuedOn",
                "the start of the program");
        BankLosses bank = bank(bankId);
        if (bank.suspended()) {
            throw RuleViolation.refused("bankId", "bank-suspended", "bank " + bankId
                    + " is suspended from the program (fuse) until an administrator reinstates it");
        }
        Enterprise enterprise = enterprises.get(enterpriseId);
        if (enterprise == null) {
            throw RuleViolation.refused("enterpriseId", "unknown-enterprise",
                    "enterprise " + enterpriseId + " has never been evaluated");
        }
        EnterpriseEvaluated grade = enterprise.gradeOn(issuedOn).orElseThrow(() -> RuleViolation.refused(
                "issuedOn", "no-valid-grade", "enterprise " + enterpriseId + " has no grade valid on " + issuedOn
                        + enterprise.latestBefore(issuedOn).map(e -> " (its grade " + e.grade() + " of "
                        + e.evaluatedOn() + " expired on " + e.validUntil() + ")").orElse("")));
        if (!grade.district().equals(district)) {
            throw RuleViolation.refused("district", "district-mismatch", "enterprise " + enterpriseId
                    + " is evaluated in " + grade.district() + ", not " + district);
        }
        if (enterprise.defaultedLoans > 0) {
            throw RuleViolation.refused("enterpriseId", "loan-in-default",
                    "enterprise " + enterpriseId + " has a loan in default");
        }
        Money afterLoan = enterprise.outstanding.plus(principal);
        if (afterLoan.isGreaterThan(grade.creditLine())) {
            throw RuleViolation.refused("principal", "credit-line-exceeded", "enterprise " + enterpriseId
                    + " (grade " + grade.grade() + ", line " + grade.creditLine().toDisplayString() + ") owes "
                    + enterprise.outstanding + "; " + principal + " more would exceed its line by "
                    + afterLoan.minus(grade.creditLine()));
        }
        Ratio fundShare = ratioInForce(bankId, issuedOn).orElseThrow(() -> RuleViolation.refused("issuedOn",
                "no-risk-sharing-ratio", "no risk-sharing ratio is in force on " + issuedOn
                        + "; an administrator must record one first"));
        apply(new LoanIssued(loanId, bankId, enterpriseId, district, principal, rate, command.termMonths(),
                issuedOn, grade.grade(), fundShare));
        return Recorded.applied(loanId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordRepayment command, CreditProgramSettings settings) {
        openIfNew(settings);
        String repaymentId = Require.text(command.repaymentId(), "repaymentId");
        LoanRepaid known = repaymentFacts.get(repaymentId);
        if (known != null) {
            boolean same = new RecordRepayment(repaymentId, known.loanId(), known.principal(), known.interest(),
                    known.paidOn()).equals(command);
            return Recorded.duplicateOrConflict(same, repaymentId, "repaymentId",
                    "repayment " + repaymentId + " is already recorded with other content");
        }
        Loan loan = loan(command.loanId());
        Money principal = Require.notNegative(command.principal(), "principal");
        Money interest = Require.notNegative(command.interest(), "interest");
        if (principal.plus(interest).isZero()) {
            throw RuleViolation.invalid("principal", "amount-positive", "a repayment must pay principal or interest");
        }
        LocalDate paidOn = Require.notBefore(command.paidOn(), loan.issued.issuedOn(), "paidOn",
                "the loan's issue date");
        if (loan.status == LoanStatus.CLOSED) {
            throw RuleViolation.refused("loanId", "loan-closed", "loan " + loan.id() + " is repaid in full and closed");
        }
        if (loan.status == LoanStatus.DEFAULTED) {
            throw RuleViolation.refused("loanId", "loan-in-default", "loan " + loan.id()
                    + " is in default: money collected from the borrower is recorded as a recovery");
        }
        Money outstanding = loan.outstanding();
        if (principal.isGreaterThan(outstanding)) {
            throw RuleViolation.refused("principal", "repayment-exceeds-outstanding", "repayment of " + principal
                    + " exceeds the outstanding principal " + outstanding + " of loan " + loan.id());
        }
        Money after = outstanding.minus(principal);
        apply(new LoanRepaid(repaymentId, loan.id(), loan.issued.bankId(), loan.issued.district(), principal, interest,
                paidOn, after));
        if (after.isZero()) {
            apply(new LoanClosed(loan.id(), paidOn));
        }
        return Recorded.applied(repaymentId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(DeclareDefault command, CreditProgramSettings settings) {
        openIfNew(settings);
        Loan recorded = command.loanId() == null ? null : loans.get(command.loanId());
        if (recorded != null && recorded.status == LoanStatus.REVERSED && recorded.reversedDefault != null
                && recorded.reversedDefault.overdueSince().equals(command.overdueSince())
                && recorded.reversedDefault.declaredOn().equals(command.declaredOn())) {
            return Recorded.duplicateOf(recorded.id()); // a re-sent file: its default and loan were reversed since
        }
        Loan loan = loan(command.loanId());
        if (loan.defaulted != null) {
            LoanDefaulted d = loan.defaulted;
            boolean same = d.overdueSince().equals(command.overdueSince()) && d.declaredOn().equals(command.declaredOn());
            return Recorded.duplicateOrConflict(same, loan.id(), "loanId", "loan " + loan.id() + " was already declared in default on "
                    + d.declaredOn());
        }
        LoanDefaulted reversed = loan.reversedDefault;
        if (reversed != null && reversed.overdueSince().equals(command.overdueSince())
                && reversed.declaredOn().equals(command.declaredOn())) {
            return Recorded.duplicateOf(loan.id()); // the reversed default, re-sent: stays reversed
        }
        LocalDate overdueSince = Require.notBefore(command.overdueSince(), loan.issued.issuedOn(), "overdueSince",
                "the loan's issue date");
        LocalDate declaredOn = Require.notBefore(command.declaredOn(), overdueSince, "declaredOn",
                "the date the loan became overdue");
        if (loan.status == LoanStatus.CLOSED) {
            throw RuleViolation.refused("loanId", "loan-closed", "loan " + loan.id() + " is repaid in full and closed");
        }
        BankLosses bank = banks.get(loan.issued.bankId());
        Money lostBefore = bank.lost();
        apply(new LoanDefaulted(loan.id(), loan.issued.bankId(), loan.issued.enterpriseId(), loan.issued.district(),
                overdueSince, declaredOn, loan.outstanding()));
        checkFuse(loan.issued.bankId(), bank, lostBefore, declaredOn, loan.id());
        return Recorded.applied(loan.id());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ClaimCompensation command, CreditProgramSettings settings) {
        openIfNew(settings);
        String claimId = Require.text(command.claimId(), "claimId");
        String knownLoan = claimLoans.get(claimId);
        if (knownLoan != null) {
            Claim claim = reversedClaims.containsKey(claimId) ? reversedClaims.get(claimId) : loans.get(knownLoan).claim;
            boolean same = knownLoan.equals(command.loanId()) && claim.claimed.claimedOn().equals(command.claimedOn());
            return Recorded.duplicateOrConflict(same, claimId, "claimId", "claim " + claimId + " is already recorded for loan "
                    + knownLoan + " on " + claim.claimed.claimedOn());
        }
        Loan loan = loan(command.loanId());
        if (loan.status != LoanStatus.DEFAULTED) {
            throw RuleViolation.refused("loanId", "loan-not-in-default",
                    "loan " + loan.id() + " is not in default; only a defaulted loan can be compensated");
        }
        if (loan.claim != null) {
            throw RuleViolation.conflict("loanId", "loan-already-claimed", "loan " + loan.id()
                    + " already has compensation claim " + loan.claim.claimed.claimId());
        }
        LocalDate claimedOn = Require.notBefore(command.claimedOn(), loan.defaulted.declaredOn(), "claimedOn",
                "the default's declaration");
        Money unrecovered = loan.defaulted.unrecoveredPrincipal();
        Money.Split split = Compensation.claim(unrecovered, loan.issued.fundShare());
        apply(new CompensationClaimed(claimId, loan.id(), loan.issued.bankId(), loan.issued.district(), claimedOn,
                unrecovered, loan.issued.fundShare(), split.first(), split.second()));
        payWaitingClaims(pool(loan.issued.district()), claimedOn, claimId);
        return Recorded.applied(claimId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordRecovery command, CreditProgramSettings settings) {
        openIfNew(settings);
        String recoveryId = Require.text(command.recoveryId(), "recoveryId");
        RecoveryRecorded known = recoveryFacts.get(recoveryId);
        if (known != null) {
            boolean same = new RecordRecovery(recoveryId, known.loanId(), known.amount(), known.recoveredOn())
                    .equals(command);
            return Recorded.duplicateOrConflict(same, recoveryId, "recoveryId",
                    "recovery " + recoveryId + " is already recorded with other content");
        }
        Loan loan = loan(command.loanId());
        Money amount = Require.positive(command.amount(), "amount");
        Require.present(command.recoveredOn(), "recoveredOn");
        if (loan.claim == null || loan.claim.paidOn == null) {
            throw RuleViolation.refused("loanId", "recovery-before-compensation", "loan " + loan.id()
                    + (loan.claim == null ? " has no compensation claim" : " has a compensation claim still waiting for the pool")
                    + "; a recovery is recorded after the pool has compensated the bank");
        }
        LocalDate recoveredOn = Require.notBefore(command.recoveredOn(), loan.claim.paidOn, "recoveredOn",
                "the compensation of the loan");
        Money poolShare = Compensation.poolShareOfRecovery(amount, loan.issued.fundShare(),
                loan.claim.claimed.poolShare(), loan.poolRecovered);
        apply(new RecoveryRecorded(recoveryId, loan.id(), loan.issued.bankId(), loan.issued.district(), amount,
                poolShare, amount.minus(poolShare), recoveredOn));
        if (poolShare.isPositive()) {
            payWaitingClaims(pool(loan.issued.district()), recoveredOn, recoveryId);
        }
        return Recorded.applied(recoveryId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(SetFuseThresholds command, CreditProgramSettings settings) {
        openIfNew(settings);
        LocalDate effectiveFrom = Require.notBefore(command.effectiveFrom(), programStart, "effectiveFrom",
                "the start of the program");
        Ratio warning = Require.atMostHundredPercent(command.warning(), "warningPct");
        Ratio suspension = Require.atMostHundredPercent(command.suspension(), "suspensionPct");
        if (suspension.compareTo(warning) < 0) {
            throw RuleViolation.invalid("suspensionPct", "threshold-order", "the suspension threshold " + suspension
                    + " is below the warning threshold " + warning);
        }
        String key = "fuse@" + effectiveFrom;
        Optional<FusePolicy.Thresholds> known = fuse.recorded(effectiveFrom);
        if (known.isPresent()) {
            boolean same = known.get().warning().equals(warning) && known.get().suspension().equals(suspension);
            return Recorded.duplicateOrConflict(same, key, "effectiveFrom", "fuse thresholds of " + known.get().warning()
                    + "/" + known.get().suspension() + " are already recorded from " + effectiveFrom);
        }
        apply(new FuseThresholdsSet(effectiveFrom, warning, suspension));
        return Recorded.applied(key);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ReinstateBank command, CreditProgramSettings settings) {
        openIfNew(settings);
        BankLosses bank = bank(Require.text(command.bankId(), "bankId"));
        Require.reason(command.reason());
        LocalDate reinstatedOn = Require.present(command.reinstatedOn(), "reinstatedOn");
        if (!bank.suspended()) {
            throw RuleViolation.refused("bankId", "bank-not-suspended", "bank " + command.bankId()
                    + " is not suspended");
        }
        apply(new BankReinstated(command.bankId(), reinstatedOn, command.reason().strip()));
        return Recorded.applied(command.bankId() + "@" + reinstatedOn);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordGuidedLoan command, CreditProgramSettings settings) {
        openIfNew(settings);
        String loanId = Require.text(command.loanId(), "loanId");
        String bankId = Require.text(command.bankId(), "bankId");
        String enterpriseId = Require.text(command.enterpriseId(), "enterpriseId");
        String district = Require.text(command.district(), "district");
        Money principal = Require.positive(command.principal(), "principal");
        LocalDate issuedOn = Require.notBefore(command.issuedOn(), programStart, "issuedOn",
                "the start of the program");
        GuidedLoanRecorded fact = new GuidedLoanRecorded(loanId, bankId, enterpriseId, district, principal, issuedOn);
        GuidedLoanRecorded known = guidedLoans.get(loanId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.equals(fact), loanId, "loanId",
                    "guided loan " + loanId + " is already recorded with other content");
        }
        bank(bankId);
        Enterprise enterprise = enterprises.get(enterpriseId);
        EnterpriseEvaluated evaluation = enterprise == null ? null : enterprise.latestBefore(issuedOn).orElse(null);
        if (evaluation == null) {
            throw RuleViolation.refused("enterpriseId", "unknown-enterprise", "enterprise " + enterpriseId
                    + " has no knowledge-value evaluation on or before " + issuedOn);
        }
        if (!evaluation.district().equals(district)) {
            throw RuleViolation.refused("district", "district-mismatch", "enterprise " + enterpriseId
                    + " is evaluated in " + evaluation.district() + ", not " + district);
        }
        apply(fact);
        return Recorded.applied(loanId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ReverseFact command, CreditProgramSettings settings) {
        openIfNew(settings);
        ReverseFact.FactKind kind = Require.present(command.kind(), "kind");
        String factId = Require.factKey(command.factId(), "factId");
        String reason = Require.reason(command.reason());
        String key = kind + ":" + factId;
        Replacement replacement = replacement(kind, factId, command.replacement(), settings);
        String replacedBy = replacement == null ? null : replacement.id();
        FactReversed done = reversals.get(key);
        if (done != null) {
            boolean again = recordedAgain(kind, factId);
            // the same correction re-sent: unless the key was recorded again since by something else than the
            // correction's own replacement (then this is a new correction of that new fact)
            boolean resent = done.reason().equals(reason) && Objects.equals(done.replacedBy(), replacedBy)
                    && (!again || factEvents.get(key).equals(recordedByCorrection.get(key)));
            if (resent) {
                return Recorded.duplicateOf(key);
            }
            if (!again) {
                throw RuleViolation.conflict("factId", "id-conflict", kind.name().toLowerCase() + " " + factId
                        + " is already reversed (" + done.reason() + ")");
            }
        }
        String eventId = factEvents.get(key);
        apply(switch (kind) {
            case REPAYMENT -> repaymentReversal(factId, eventId, reason, replacedBy);
            case CONTRIBUTION -> contributionReversal(factId, eventId, reason, replacedBy);
            case GUIDED_LOAN -> guidedLoanReversal(factId, eventId, reason, replacedBy);
            case LOAN -> loanReversal(factId, eventId, reason, replacedBy);
            case EVALUATION -> evaluationReversal(factId, eventId, reason, replacedBy);
            case DEFAULT -> defaultReversal(factId, eventId, reason, replacedBy);
            case CLAIM -> claimReversal(factId, eventId, reason, replacedBy);
            case RECOVERY -> recoveryReversal(factId, eventId, reason, replacedBy);
        });
        if (kind == ReverseFact.FactKind.CLAIM) {
            // the claims that waited behind the reversed one are paid if the pool can (as when a claim is made)
            Claim reversed = reversedClaims.get(factId);
            payWaitingClaims(pool(reversed.claimed.district()), reversed.claimed.claimedOn(), factId);
        }
        if (replacement != null) {
            record(replacement);
        }
        return Recorded.applied(key);
    }

    /** Whether a reversed default or evaluation, whose key can be used again, has been recorded anew since. */
    private boolean recordedAgain(ReverseFact.FactKind kind, String factId) {
        if (kind == ReverseFact.FactKind.DEFAULT) {
            return loans.get(factId).defaulted != null;
        }
        if (kind == ReverseFact.FactKind.EVALUATION) {
            int at = factId.lastIndexOf('@');
            Enterprise enterprise = enterprises.get(factId.substring(0, at));
            return enterprise.evaluations.containsKey(LocalDate.parse(factId.substring(at + 1)));
        }
        return false;
    }

    /** The corrected fact a correction records: its id, and how to record it through its own handler. */
    private record Replacement(String id, boolean sameKeyAllowed, java.util.function.Supplier<Recorded> record) {
    }

    private Replacement replacement(Object command, CreditProgramSettings settings) {
        if (command instanceof RecordRepayment c) {
            return new Replacement(c.repaymentId(), false, () -> handle(c, settings));
        } else if (command instanceof ContributeToPool c) {
            return new Replacement(c.contributionId(), false, () -> handle(c, settings));
        } else if (command instanceof RecordGuidedLoan c) {
            return new Replacement(c.loanId(), false, () -> handle(c, settings));
        } else if (command instanceof IssueLoan c) {
            return new Replacement(c.loanId(), false, () -> handle(c, settings));
        } else if (command instanceof RecordEvaluation c) {
            return new Replacement(c.enterpriseId() + "@" + c.evaluatedOn(), true, () -> handle(c, settings));
        } else if (command instanceof DeclareDefault c) {
            return new Replacement(c.loanId(), true, () -> handle(c, settings));
        } else if (command instanceof ClaimCompensation c) {
            return new Replacement(c.claimId(), false, () -> handle(c, settings));
        }
        RecordRecovery c = (RecordRecovery) command;
        return new Replacement(c.recoveryId(), false, () -> handle(c, settings));
    }

    /** The corrected fact of a correction, checked to be of the reversed fact's kind and to have an id of its own. */
    private Replacement replacement(ReverseFact.FactKind kind, String factId, Object command,
                                    CreditProgramSettings settings) {
        if (command == null) {
            return null;
        }
        if (!kind.command().isInstance(command)) {
            throw RuleViolation.invalid("replacement", "replacement-kind", "the replacement of a "
                    + kind.name().toLowerCase() + " must be a " + kind.name().toLowerCase());
        }
        Replacement replacement = replacement(command, settings);
        if (!replacement.sameKeyAllowed() && factId.equals(replacement.id())) {
            throw RuleViolation.invalid("replacement", "replacement-new-id", "the corrected fact needs an id of its "
                    + "own: " + factId + " stays the id of the reversed fact");
        }
        return replacement;
    }

    /** Records the corrected fact through the same rules as its own command; a refusal names replacement.field. */
    private void record(Replacement replacement) {
        Recorded recorded;
        try {
            recorded = replacement.record().get();
        } catch (RuleViolation violation) {
            throw violation.within("replacement");
        }
        if (recorded.duplicate()) {
            throw RuleViolation.conflict("replacement", "replacement-already-recorded", "the corrected fact "
                    + recorded.id() + " is already recorded: a correction records a new fact");
        }
    }

    private FactReversed repaymentReversal(String factId, String eventId, String reason, String replacedBy) {
        LoanRepaid repaid = repaymentFacts.get(factId);
        if (repaid == null) {
            throw unknownFact("repayment", factId);
        }
        Loan loan = loans.get(repaid.loanId());
        if (loan.status == LoanStatus.DEFAULTED) {
            throw RuleViolation.refused("factId", "loan-defaulted-since", "loan " + loan.id()
                    + " was declared in default after this repayment; its unrecovered principal counted it");
        }
        return new FactReversed(ReverseFact.FactKind.REPAYMENT, factId, eventId, reason, repaid.loanId(),
                loan.issued.enterpriseId(), repaid.bankId(), repaid.district(), null, repaid.paidOn(),
                repaid.principal(), repaid.interest(), Money.ZERO, Money.ZERO, replacedBy);
    }

    private FactReversed contributionReversal(String factId, String eventId, String reason, String replacedBy) {
        PoolContributionReceived contribution = contributions.get(factId);
        if (contribution == null) {
            throw unknownFact("contribution", factId);
        }
        DistrictPool pool = pool(contribution.district());
        Money lowest = pool.lowestFrom(contribution.contributedOn());
        if (lowest.isLessThan(contribution.amount())) {
            throw RuleViolation.refused("factId", "pool-balance-used", "the " + contribution.district()
                    + " pool holds as little as " + lowest + " on a date from " + contribution.contributedOn()
                    + " on, less than the " + contribution.amount() + " to reverse: it has paid claims with this money");
        }
        return new FactReversed(ReverseFact.FactKind.CONTRIBUTION, factId, eventId, reason, null, null, null,
                contribution.district(), contribution.source(), contribution.contributedOn(), Money.ZERO, Money.ZERO,
                contribution.amount(), Money.ZERO, replacedBy);
    }

    private FactReversed guidedLoanReversal(String factId, String eventId, String reason, String replacedBy) {
        GuidedLoanRecorded guided = guidedLoans.get(factId);
        if (guided == null) {
            throw unknownFact("guided loan", factId);
        }
        return new FactReversed(ReverseFact.FactKind.GUIDED_LOAN, factId, eventId, reason, guided.loanId(),
                guided.enterpriseId(), guided.bankId(), guided.district(), null, guided.issuedOn(), guided.principal(),
                Money.ZERO, Money.ZERO, Money.ZERO, replacedBy);
    }

    /** A loan recorded by mistake: only while nothing else is recorded on it (those are reversed first). */
    private FactReversed loanReversal(String factId, String eventId, String reason, String replacedBy) {
        Loan loan = loans.get(factId);
        if (loan == null || loan.status == LoanStatus.REVERSED) {
            throw unknownFact("loan", factId);
        }
        if (loan.defaulted != null) {
            throw RuleViolation.refused("factId", "reverse-later-facts-first", "loan " + factId
                    + " is declared in default: reverse its default first");
        }
        if (!loan.liveRepayments.isEmpty()) {
            throw RuleViolation.refused("factId", "reverse-later-facts-first", "loan " + factId
                    + " has repayments " + String.join(", ", loan.liveRepayments) + ": reverse them first");
        }
        LoanIssued issued = loan.issued;
        return new FactReversed(ReverseFact.FactKind.LOAN, factId, eventId, reason, factId, issued.enterpriseId(),
                issued.bankId(), issued.district(), null, issued.issuedOn(), issued.principal(), Money.ZERO,
                Money.ZERO, Money.ZERO, replacedBy);
    }

    /** An evaluation recorded by mistake: only while no loan was issued on its grade. */
    private FactReversed evaluationReversal(String factId, String eventId, String reason, String replacedBy) {
        int at = factId.lastIndexOf('@');
        Enterprise enterprise = at < 0 ? null : enterprises.get(factId.substring(0, at));
        LocalDate evaluatedOn = at < 0 ? null : parseDate(factId.substring(at + 1));
        EnterpriseEvaluated evaluation = enterprise == null || evaluatedOn == null ? null
                : enterprise.evaluations.get(evaluatedOn);
        if (evaluation == null) {
            throw RuleViolation.notFound("factId", "unknown-fact", "evaluation " + factId
                    + " is not recorded (the id of an evaluation is enterpriseId@evaluatedOn)");
        }
        List<String> usedBy = java.util.stream.Stream.concat(
                        loans.values().stream().filter(l -> l.status != LoanStatus.REVERSED && l.evaluation == evaluation)
                                .map(Loan::id),
                        guidedEvaluations.entrySet().stream().filter(g -> g.getValue() == evaluation
                                && !reversals.containsKey(ReverseFact.FactKind.GUIDED_LOAN + ":" + g.getKey()))
                                .map(Map.Entry::getKey))
                .sorted().toList();
        if (!usedBy.isEmpty()) {
            throw RuleViolation.refused("factId", "evaluation-in-use", "loans " + String.join(", ", usedBy)
                    + " were issued on this grade: reverse them first");
        }
        return new FactReversed(ReverseFact.FactKind.EVALUATION, factId, eventId, reason, null,
                evaluation.enterpriseId(), null, evaluation.district(), null, evaluation.evaluatedOn(), Money.ZERO,
                Money.ZERO, Money.ZERO, Money.ZERO, replacedBy);
    }

    /** A default declared by mistake (factId: the loan): only while no compensation claim stands on it. */
    private FactReversed defaultReversal(String factId, String eventId, String reason, String replacedBy) {
        Loan loan = loans.get(factId);
        if (loan == null || loan.defaulted == null) {
            throw RuleViolation.notFound("factId", "unknown-fact", "loan " + factId + " has no default to reverse");
        }
        if (loan.claim != null) {
            throw RuleViolation.refused("factId", "reverse-later-facts-first", "loan " + factId
                    + " has compensation claim " + loan.claim.claimed.claimId() + ": reverse it first");
        }
        LoanDefaulted d = loan.defaulted;
        return new FactReversed(ReverseFact.FactKind.DEFAULT, factId, eventId, reason, factId, d.enterpriseId(),
                d.bankId(), d.district(), null, d.declaredOn(), d.unrecoveredPrincipal(), Money.ZERO, Money.ZERO,
                Money.ZERO, replacedBy);
    }

    /** A compensation claim made by mistake: only while the pool has not paid it. */
    private FactReversed claimReversal(String factId, String eventId, String reason, String replacedBy) {
        String loanId = claimLoans.get(factId);
        Claim claim = loanId == null ? null : loans.get(loanId).claim;
        if (claim == null || !claim.claimed.claimId().equals(factId)) {
            throw unknownFact("claim", factId);
        }
        if (claim.paidOn != null) {
            throw RuleViolation.refused("factId", "claim-paid", "the " + claim.claimed.district() + " pool paid claim "
                    + factId + " on " + claim.paidOn + "; a paid claim cannot be reversed");
        }
        CompensationClaimed c = claim.claimed;
        return new FactReversed(ReverseFact.FactKind.CLAIM, factId, eventId, reason, c.loanId(), null, c.bankId(),
                c.district(), null, c.claimedOn(), Money.ZERO, Money.ZERO, c.unrecoveredPrincipal(), c.poolShare(),
                replacedBy);
    }

    /** A recovery recorded by mistake: only while the pool still holds its part of it. */
    private FactReversed recoveryReversal(String factId, String eventId, String reason, String replacedBy) {
        RecoveryRecorded recovery = recoveryFacts.get(factId);
        if (recovery == null) {
            throw unknownFact("recovery", factId);
        }
        List<String> live = loans.get(recovery.loanId()).liveRecoveries;
        if (!live.get(live.size() - 1).equals(factId)) {
            throw RuleViolation.refused("factId", "reverse-later-facts-first", "recovery " + live.get(live.size() - 1)
                    + " of loan " + recovery.loanId() + " was recorded after this one and its split counted it: "
                    + "reverse it first");
        }
        DistrictPool pool = pool(recovery.district());
        Money lowest = pool.lowestFrom(recovery.recoveredOn());
        if (lowest.isLessThan(recovery.poolShare())) {
            throw RuleViolation.refused("factId", "pool-balance-used", "the " + recovery.district()
                    + " pool holds as little as " + lowest + " on a date from " + recovery.recoveredOn()
                    + " on, less than its " + recovery.poolShare() + " of this recovery: it has paid claims with it");
        }
        return new FactReversed(ReverseFact.FactKind.RECOVERY, factId, eventId, reason, recovery.loanId(), null,
                recovery.bankId(), recovery.district(), null, recovery.recoveredOn(), Money.ZERO, Money.ZERO,
                recovery.amount(), recovery.poolShare(), replacedBy);
    }

    private static RuleViolation unknownFact(String what, String factId) {
        return RuleViolation.notFound("factId", "unknown-fact", what + " " + factId + " is not recorded");
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- rules

    private BankLosses bank(String bankId) {
        BankLosses bank = banks.get(bankId);
        if (bank == null) {
            throw RuleViolation.refused("bankId", "unknown-bank", "bank " + bankId + " is not registered");
        }
        return bank;
    }

    /**
     * The fuse, after a default: a bank whose loss rate reaches the warning threshold in force on the default's
     * date is warned (once per crossing), one that reaches the suspension threshold is suspended.
     */
    private void checkFuse(String bankId, BankLosses bank, Money lostBefore, LocalDate date, String loanId) {
        FusePolicy.Decision decision = fuse.decide(bank, lostBefore, date);
        if (decision.warn()) {
            apply(new BankWarned(bankId, date, bank.lossRate(), bank.lost(), bank.issued(),
                    decision.thresholds().warning(), loanId));
        }
        if (decision.suspend()) {
            apply(new BankSuspended(bankId, date, bank.lossRate(), bank.lost(), bank.issued(),
                    decision.thresholds().suspension(), loanId));
        }
    }

    private void openIfNew(CreditProgramSettings settings) {
        if (programId == null) {
            apply(new CreditProgramOpened(settings.programStart(), new EnumMap<>(settings.creditLines()),
                    settings.gradeValidityMonths(), settings.maxTermMonths(), settings.fuseWarning(),
                    settings.fuseSuspension()));
        }
    }


    private Loan loan(String loanId) {
        Require.text(loanId, "loanId");
        Loan loan = loans.get(loanId);
        if (loan == null) {
            throw RuleViolation.notFound("loanId", "unknown-loan", "loan " + loanId + " is not recorded");
        }
        if (loan.status == LoanStatus.REVERSED) {
            throw RuleViolation.refused("loanId", "loan-reversed", "loan " + loanId
                    + " was recorded by mistake and reversed; nothing more can be recorded on it");
        }
        return loan;
    }

    private DistrictPool pool(String district) {
        return pools.computeIfAbsent(district, DistrictPool::new);
    }

    /** A bank's own version in force beats the general one; each is the latest effective on or before the date. */
    Optional<Ratio> ratioInForce(String bankId, LocalDate date) {
        return riskSharing.fundShareOn(bankId, date);
    }

    /**
     * Pays the pool's waiting claims strictly oldest first while its balance covers the oldest. A payment
     * takes the business date of the inflow that made it possible (never before the claim itself).
     */
    private void payWaitingClaims(DistrictPool pool, LocalDate inflowDate, String inflowId) {
        Optional<DistrictPool.Payment> next;
        while ((next = pool.nextPayment(inflowDate, this::claimTerms)).isPresent()) {
            CompensationClaimed c = loans.get(claimLoans.get(next.get().claimId())).claim.claimed;
            // the payment's event moves the pool (on(CompensationPaid)): asked again, the pool sees it
            apply(new CompensationPaid(c.claimId(), c.loanId(), c.bankId(), c.district(), next.get().amount(),
                    next.get().paidOn(), inflowId));
        }
    }

    private DistrictPool.ClaimTerms claimTerms(String claimId) {
        CompensationClaimed c = loans.get(claimLoans.get(claimId)).claim.claimed;
        return new DistrictPool.ClaimTerms(c.poolShare(), c.claimedOn());
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(CreditProgramOpened event) {
        programId = ID;
        programStart = event.programStart();
        creditLines = new EnumMap<>(event.creditLines());
        gradeValidityMonths = event.gradeValidityMonths();
        maxTermMonths = event.maxTermMonths();
        fuse.add(new FusePolicy.Thresholds(event.programStart(), event.fuseWarning(), event.fuseSuspension()));
    }

    @EventSourcingHandler
    void on(BankRegistered event) {
        banks.put(event.bankId(), new BankLosses(event.name()));
    }

    @EventSourcingHandler
    void on(FuseThresholdsSet event) {
        fuse.add(new FusePolicy.Thresholds(event.effectiveFrom(), event.warning(), event.suspension()));
    }

    @EventSourcingHandler
    void on(BankSuspended event) {
        banks.get(event.bankId()).suspend();
    }

    @EventSourcingHandler
    void on(BankReinstated event) {
        banks.get(event.bankId()).reinstate();
    }

    @EventSourcingHandler
    void on(GuidedLoanRecorded event, EventMessage<?> message) {
        factEvents.put(ReverseFact.FactKind.GUIDED_LOAN + ":" + event.loanId(), message.getIdentifier());
        guidedLoans.put(event.loanId(), event);
        Enterprise enterprise = enterprises.get(event.enterpriseId());
        if (enterprise != null) {
            enterprise.latestBefore(event.issuedOn()).ifPresent(e -> guidedEvaluations.put(event.loanId(), e));
        }
    }

    @EventSourcingHandler
    void on(FactReversed event) {
        String reversedKey = event.kind() + ":" + event.factId();
        reversals.put(reversedKey, event);
        recordedByCorrection.remove(reversedKey);
        if (event.factId().equals(event.replacedBy())) {
            replacementPending.add(reversedKey); // the corrected fact takes the same key: see recordedByCorrection
        }
        switch (event.kind()) {
            case REPAYMENT -> {
                Loan loan = loans.get(event.loanId());
                loan.repaid = loan.repaid.minus(event.principal());
                loan.liveRepayments.remove(event.factId());
                if (loan.status == LoanStatus.CLOSED && loan.outstanding().isPositive()) {
                    loan.status = LoanStatus.ACTIVE;
                }
                Enterprise enterprise = enterprises.get(loan.issued.enterpriseId());
                enterprise.outstanding = enterprise.outstanding.plus(event.principal());
            }
            case CONTRIBUTION -> pool(event.district()).move(event.businessDate(), event.amount().negate());
            case GUIDED_LOAN -> {
                // counted no more; its id stays taken
            }
            case LOAN -> {
                Loan loan = loans.get(event.loanId());
                loan.status = LoanStatus.REVERSED;
                banks.get(event.bankId()).changeIssued(event.principal().negate());
                Enterprise enterprise = enterprises.get(event.enterpriseId());
                enterprise.outstanding = enterprise.outstanding.minus(event.principal());
            }
            case EVALUATION -> {
                Enterprise enterprise = enterprises.get(event.enterpriseId());
                reversedEvaluations.put(event.factId(), enterprise.evaluations.remove(event.businessDate()));
            }
            case DEFAULT -> {
                Loan loan = loans.get(event.loanId());
                loan.reversedDefault = loan.defaulted;
                loan.defaulted = null;
                loan.status = LoanStatus.ACTIVE;
                Enterprise enterprise = enterprises.get(event.enterpriseId());
                enterprise.outstanding = enterprise.outstanding.plus(event.principal());
                enterprise.defaultedLoans--;
                banks.get(event.bankId()).lose(event.principal().negate());
            }
            case CLAIM -> {
                Loan loan = loans.get(event.loanId());
                reversedClaims.put(event.factId(), loan.claim);
                loan.claim = null;
                pool(event.district()).dequeue(event.factId());
            }
            case RECOVERY -> {
                Loan loan = loans.get(event.loanId());
                loan.liveRecoveries.remove(event.factId());
                loan.poolRecovered = loan.poolRecovered.minus(event.poolShare());
                pool(event.district()).move(event.businessDate(), event.poolShare().negate());
            }
        }
    }

    @EventSourcingHandler
    void on(EnterpriseEvaluated event, EventMessage<?> message) {
        String key = event.enterpriseId() + "@" + event.evaluatedOn();
        keyRecorded(ReverseFact.FactKind.EVALUATION + ":" + key, message.getIdentifier());
        reversedEvaluations.remove(key);
        enterprises.computeIfAbsent(event.enterpriseId(), id -> new Enterprise())
                .evaluations.put(event.evaluatedOn(), event);
    }

    @EventSourcingHandler
    void on(RiskSharingRatioSet event) {
        riskSharing.add(new RiskSharingPolicy.Version(event.effectiveFrom(), event.fundShare(), event.bankId()));
    }

    @EventSourcingHandler
    void on(PoolContributionReceived event, EventMessage<?> message) {
        factEvents.put(ReverseFact.FactKind.CONTRIBUTION + ":" + event.contributionId(), message.getIdentifier());
        contributions.put(event.contributionId(), event);
        pool(event.district()).move(event.contributedOn(), event.amount());
    }

    @EventSourcingHandler
    void on(LoanIssued event, EventMessage<?> message) {
        factEvents.put(ReverseFact.FactKind.LOAN + ":" + event.loanId(), message.getIdentifier());
        Loan loan = new Loan(event);
        loans.put(event.loanId(), loan);
        banks.get(event.bankId()).issue(event.principal());
        Enterprise enterprise = enterprises.get(event.enterpriseId());
        loan.evaluation = enterprise.latestBefore(event.issuedOn()).orElse(null);
        enterprise.outstanding = enterprise.outstanding.plus(event.principal());
    }

    @EventSourcingHandler
    void on(LoanRepaid event, EventMessage<?> message) {
        factEvents.put(ReverseFact.FactKind.REPAYMENT + ":" + event.repaymentId(), message.getIdentifier());
        repaymentFacts.put(event.repaymentId(), event);
        Loan loan = loans.get(event.loanId());
        loan.repaid = loan.repaid.plus(event.principal());
        loan.liveRepayments.add(event.repaymentId());
        Enterprise enterprise = enterprises.get(loan.issued.enterpriseId());
        enterprise.outstanding = enterprise.outstanding.minus(event.principal());
    }

    @EventSourcingHandler
    void on(LoanClosed event) {
        loans.get(event.loanId()).status = LoanStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(LoanDefaulted event, EventMessage<?> message) {
        keyRecorded(ReverseFact.FactKind.DEFAULT + ":" + event.loanId(), message.getIdentifier());
        Loan loan = loans.get(event.loanId());
        loan.reversedDefault = null;
        loan.status = LoanStatus.DEFAULTED;
        loan.defaulted = event;
        Enterprise enterprise = enterprises.get(loan.issued.enterpriseId());
        enterprise.outstanding = enterprise.outstanding.minus(event.unrecoveredPrincipal());
        enterprise.defaultedLoans++;
        banks.get(event.bankId()).lose(event.unrecoveredPrincipal());
    }

    @EventSourcingHandler
    void on(CompensationClaimed event, EventMessage<?> message) {
        factEvents.put(ReverseFact.FactKind.CLAIM + ":" + event.claimId(), message.getIdentifier());
        loans.get(event.loanId()).claim = new Claim(event);
        claimLoans.put(event.claimId(), event.loanId());
        pool(event.district()).enqueue(event.claimId());
    }

    @EventSourcingHandler
    void on(CompensationPaid event) {
        loans.get(event.loanId()).claim.paidOn = event.paidOn();
        pool(event.district()).pay(event.claimId(), event.amount(), event.paidOn());
    }

    @EventSourcingHandler
    void on(RecoveryRecorded event, EventMessage<?> message) {
        factEvents.put(ReverseFact.FactKind.RECOVERY + ":" + event.recoveryId(), message.getIdentifier());
        recoveryFacts.put(event.recoveryId(), event);
        Loan loan = loans.get(event.loanId());
        loan.liveRecoveries.add(event.recoveryId());
        loan.poolRecovered = loan.poolRecovered.plus(event.poolShare());
        pool(event.district()).move(event.recoveredOn(), event.poolShare());
    }

    /** A fact whose key can be used again (a default, an evaluation) was recorded by an event. */
    private void keyRecorded(String key, String eventId) {
        factEvents.put(key, eventId);
        if (replacementPending.remove(key)) {
            recordedByCorrection.put(key, eventId);
        }
    }

    /** An evaluated enterprise: its grades by date, and what it owes on loans not in default. */
    static final class Enterprise {
        final TreeMap<LocalDate, EnterpriseEvaluated> evaluations = new TreeMap<>();
        Money outstanding = Money.ZERO;
        int defaultedLoans;

        Optional<EnterpriseEvaluated> latestBefore(LocalDate date) {
            return Optional.ofNullable(evaluations.floorEntry(date)).map(Map.Entry::getValue);
        }

        /** The latest evaluation on or before the date, if it is less than its validity old. */
        Optional<EnterpriseEvaluated> gradeOn(LocalDate date) {
            return latestBefore(date).filter(e -> date.isBefore(e.validUntil()));
        }
    }

    static final class Loan {
        final LoanIssued issued;
        LoanStatus status = LoanStatus.ACTIVE;
        Money repaid = Money.ZERO;
        LoanDefaulted defaulted;
        /** The default last reversed, while no other is declared: re-sending it is a duplicate. */
        LoanDefaulted reversedDefault;
        final java.util.Set<String> liveRepayments = new java.util.TreeSet<>();
        /** The evaluation the loan was issued on (its grade and line). */
        EnterpriseEvaluated evaluation;
        /** Recoveries not reversed, in the order recorded: each one's split depends on those before it. */
        final List<String> liveRecoveries = new ArrayList<>();
        Claim claim;
        Money poolRecovered = Money.ZERO;

        Loan(LoanIssued issued) {
            this.issued = issued;
        }

        String id() {
            return issued.loanId();
        }

        Money outstanding() {
            return issued.principal().minus(repaid);
        }

        boolean sameIssue(IssueLoan command) {
            return issued.bankId().equals(command.bankId()) && issued.enterpriseId().equals(command.enterpriseId())
                    && issued.district().equals(command.district()) && issued.principal().equals(command.principal())
                    && issued.annualRate().equals(command.annualRate()) && issued.termMonths() == command.termMonths()
                    && issued.issuedOn().equals(command.issuedOn());
        }
    }

    static final class Claim {
        final CompensationClaimed claimed;
        LocalDate paidOn;

        Claim(CompensationClaimed claimed) {
            this.claimed = claimed;
        }
    }
}
