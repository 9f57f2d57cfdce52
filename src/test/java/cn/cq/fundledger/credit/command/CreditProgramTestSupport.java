package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.CreditProgramOpened;
import cn.cq.fundledger.credit.api.EnterpriseEvaluated;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.IssueLoan;
import cn.cq.fundledger.credit.api.LoanClosed;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.LoanRepaid;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.credit.api.RiskSharingRatioSet;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import cn.cq.fundledger.support.RuleViolationMatchers;
import cn.cq.fundledger.support.Histories;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture, names and event builders of the {@link CreditProgram} aggregate tests. The published
 * policies are written out literally here (not read from {@link CreditProgramSettings}) so that the tests
 * check them.
 */
abstract class CreditProgramTestSupport {

    static final LocalDate PROGRAM_START = LocalDate.of(2017, 1, 1);

    /**
     * The published policies: A 500万, B 400万, C 300万, D 160万, E 80万; a grade lasts 12 months; terms up to 12;
     * the fuse warns a bank at a 5% loss rate and suspends it at 8% (Hubei's thresholds).
     */
    static final Map<Grade, Money> PUBLISHED_LINES = publishedLines();
    static final CreditProgramOpened OPENED = new CreditProgramOpened(PROGRAM_START, PUBLISHED_LINES, 12, 12,
            Ratio.ofBasisPoints(500), Ratio.ofBasisPoints(800));

    static final String BANK = "icbc";
    static final String OTHER_BANK = "ccb";
    static final String YUBEI = "yubei";
    static final String BANAN = "banan";
    static final String ENT_1 = "ent-1";
    static final String ENT_2 = "ent-2";
    static final String ENT_3 = "ent-3";
    static final String ENT_9 = "ent-9";

    static final Ratio RATE = Ratio.ofBasisPoints(345);
    static final int TERM = 12;
    static final Ratio EIGHTY = Ratio.ofBasisPoints(8000);

    FixtureConfiguration<CreditProgram> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(CreditProgram.class);
        fixture.registerCommandTargetResolver(command -> new VersionedAggregateIdentifier(CreditProgram.ID, null));
        fixture.registerInjectableResource(CreditProgramSettings.published());
        // The aggregate keeps its enterprises, loans and pools in nested classes without equals(), so the
        // fixture's comparison of working state with re-sourced state reports every command as an illegal
        // state change; the tests check state through the events and refusals instead.
        fixture.setReportIllegalStateChange(false);
    }

    private static Map<Grade, Money> publishedLines() {
        Map<Grade, Money> lines = new EnumMap<>(Grade.class);
        lines.put(Grade.A, Money.ofYuan(5_000_000));
        lines.put(Grade.B, Money.ofYuan(4_000_000));
        lines.put(Grade.C, Money.ofYuan(3_000_000));
        lines.put(Grade.D, Money.ofYuan(1_600_000));
        lines.put(Grade.E, Money.ofYuan(800_000));
        return Map.copyOf(lines);
    }

    // ------------------------------------------------------------ values

    static Money wan(long wan) {
        return Money.ofYuan(Math.multiplyExact(wan, 10_000L));
    }

    static Money yuan(String yuan) {
        return Money.parse(yuan);
    }

    static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    static Ratio bp(int basisPoints) {
        return Ratio.ofBasisPoints(basisPoints);
    }

    /** Concatenates events and lists of events into one history for {@code given(List)}. */
    static List<Object> history(Object... parts) {
        return Histories.history(parts);
    }

    // ------------------------------------------------------------ events

    static BankRegistered bank(String bankId) {
        return new BankRegistered(bankId, bankName(bankId));
    }

    static String bankName(String bankId) {
        return bankId.toUpperCase() + " Chongqing Branch";
    }

    static String enterpriseName(String enterpriseId) {
        return "Enterprise " + enterpriseId;
    }

    /** An evaluation as the ledger records it: valid for 12 months, with the published line of its grade. */
    static EnterpriseEvaluated evaluated(String enterpriseId, String district, Grade grade, String evaluatedOn) {
        LocalDate on = day(evaluatedOn);
        return new EnterpriseEvaluated(enterpriseId, enterpriseName(enterpriseId), district, grade, on,
                on.plusMonths(12), PUBLISHED_LINES.get(grade));
    }

    static RiskSharingRatioSet generalRatio(String effectiveFrom, int basisPoints) {
        return new RiskSharingRatioSet(day(effectiveFrom), bp(basisPoints), null);
    }

    static RiskSharingRatioSet bankRatio(String bankId, String effectiveFrom, int basisPoints) {
        return new RiskSharingRatioSet(day(effectiveFrom), bp(basisPoints), bankId);
    }

    static LoanIssued issued(String loanId, String bankId, String enterpriseId, String district, Money principal,
                             String issuedOn, Grade grade, Ratio fundShare) {
        return new LoanIssued(loanId, bankId, enterpriseId, district, principal, RATE, TERM, day(issuedOn), grade,
                fundShare);
    }

    /** A loan of {@link #BANK} in Yubei to a grade-A enterprise with the fund share 80%. */
    static LoanIssued issued(String loanId, String enterpriseId, Money principal, String issuedOn) {
        return issued(loanId, BANK, enterpriseId, YUBEI, principal, issuedOn, Grade.A, EIGHTY);
    }

    static IssueLoan issue(String loanId, String bankId, String enterpriseId, String district, Money principal,
                           String issuedOn) {
        return new IssueLoan(loanId, bankId, enterpriseId, district, principal, RATE, TERM, day(issuedOn));
    }

    static LoanRepaid repaid(LoanIssued loan, String repaymentId, Money principal, Money interest, String paidOn,
                             Money outstandingAfter) {
        return new LoanRepaid(repaymentId, loan.loanId(), loan.bankId(), loan.district(), principal, interest,
                day(paidOn), outstandingAfter);
    }

    static LoanClosed closed(String loanId, String closedOn) {
        return new LoanClosed(loanId, day(closedOn));
    }

    static LoanDefaulted defaulted(LoanIssued loan, String overdueSince, String declaredOn, Money unrecovered) {
        return new LoanDefaulted(loan.loanId(), loan.bankId(), loan.enterpriseId(), loan.district(),
                day(overdueSince), day(declaredOn), unrecovered);
    }

    static PoolContributionReceived contributed(String contributionId, String district, Money amount,
                                                String contributedOn) {
        return new PoolContributionReceived(contributionId, district, PoolSource.CITY, amount, day(contributedOn));
    }

    /** A claim on the whole principal of a loan that was never repaid. */
    static CompensationClaimed claimed(String claimId, LoanIssued loan, String claimedOn) {
        Money.Split split = loan.principal().split(loan.fundShare());
        return new CompensationClaimed(claimId, loan.loanId(), loan.bankId(), loan.district(), day(claimedOn),
                loan.principal(), loan.fundShare(), split.first(), split.second());
    }

    static CompensationPaid paid(CompensationClaimed claim, String paidOn, String paidFrom) {
        return new CompensationPaid(claim.claimId(), claim.loanId(), claim.bankId(), claim.district(),
                claim.poolShare(), day(paidOn), paidFrom);
    }

    static RecoveryRecorded recovered(String recoveryId, LoanIssued loan, Money amount, Money poolShare,
                                      String recoveredOn) {
        return new RecoveryRecorded(recoveryId, loan.loanId(), loan.bankId(), loan.district(), amount, poolShare,
                amount.minus(poolShare), day(recoveredOn));
    }

    // ------------------------------------------------------------ refusals

    static Matcher<RuleViolation> violation(RuleViolation.Kind kind, String field, String rule) {
        return RuleViolationMatchers.violation(kind, field, rule);
    }

    static Matcher<RuleViolation> invalid(String field, String rule) {
        return RuleViolationMatchers.invalid(field, rule);
    }

    static Matcher<RuleViolation> refused(String field, String rule) {
        return RuleViolationMatchers.refused(field, rule);
    }

    static Matcher<RuleViolation> conflict(String field, String rule) {
        return RuleViolationMatchers.conflict(field, rule);
    }

    static Matcher<RuleViolation> notFound(String field, String rule) {
        return RuleViolationMatchers.notFound(field, rule);
    }
}
