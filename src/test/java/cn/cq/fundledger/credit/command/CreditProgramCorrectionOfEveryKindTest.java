package cn.cq.fundledger.credit.command;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.BankWarned;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.ContributeToPool;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecordEvaluation;
import cn.cq.fundledger.credit.api.RecordGuidedLoan;
import cn.cq.fundledger.credit.api.RecordRecovery;
import cn.cq.fundledger.credit.api.RecordRepayment;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.api.ReverseFact.FactKind;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A correction of any kind of credit fact: a fact that is not recorded cannot be reversed; the corrected fact of
 * every kind is recorded right after the reversal, under its own rules, and must be a new fact; once reversed, a
 * fact no longer counts (a reversed contribution or recovery leaves the pool, a reversed default leaves the
 * enterprise free to borrow).
 */
class CreditProgramCorrectionOfEveryKindTest extends CreditProgramTestSupport {

    // Yubei: pool C1 50万 from 2023-01-01; L1 (ent-1, icbc) 100万 repaid by R1; guided loan G1 of ent-1;
    // L2 (ent-2, ccb) 80万 defaulted on 2023-07-01 (ccb is suspended), claim K2 (pool share 64万) paid on 2023-07-10
    // from C2 100万; recovery V1 10万 (pool share 8万) on 2023-09-01. The pool holds 50 + 100 - 64 + 8 = 94万.
    private final LoanIssued l1 = issued("L1", ENT_1, wan(100), "2023-02-01");
    private final LoanIssued l2 = issued("L2", OTHER_BANK, ENT_2, YUBEI, wan(80), "2023-03-01", Grade.A, EIGHTY);
    private final CompensationClaimed k2 = claimed("K2", l2, "2023-07-10");
    private final GuidedLoanRecorded g1 = new GuidedLoanRecorded("G1", BANK, ENT_1, YUBEI, wan(300), day("2023-05-01"));

    private List<Object> book() {
        return history(OPENED, bank(BANK), bank(OTHER_BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"),
                evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"),
                contributed("C1", YUBEI, wan(50), "2023-01-01"), l1,
                repaid(l1, "R1", wan(30), wan(1), "2023-04-01", wan(70)), g1, l2,
                defaulted(l2, "2023-06-01", "2023-07-01", wan(80)),
                new BankWarned(OTHER_BANK, day("2023-07-01"), bp(10_000), wan(80), wan(80), bp(500), "L2"),
                new BankSuspended(OTHER_BANK, day("2023-07-01"), bp(10_000), wan(80), wan(80), bp(800), "L2"),
                contributed("C2", YUBEI, wan(100), "2023-07-01"),
                k2, paid(k2, "2023-07-10", "K2"), recovered("V1", l2, wan(10), wan(8), "2023-09-01"));
    }

    private static FactReversed reversal(FactKind kind, String factId, String reason, String loanId,
                                         String enterpriseId, String bankId, PoolSource source, String date,
                                         Money principal, Money interest, Money amount, Money poolShare,
                                         String replacedBy) {
        return new FactReversed(kind, factId, "any", reason, loanId, enterpriseId, bankId, YUBEI, source, day(date),
                principal, interest, amount, poolShare, replacedBy);
    }

    /** The events of a correction: the reversal (linked to some stored event), then the corrected fact's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<EventMessage<?>>> correction(FactReversed reversal, Object... corrected) {
        List<Matcher<?>> matchers = new ArrayList<>();
        matchers.add(Matchers.messageWithPayload(linked(reversal)));
        for (Object event : corrected) {
            matchers.add(Matchers.messageWithPayload(equalTo(event)));
        }
        matchers.add(Matchers.andNoMore());
        return (Matcher) Matchers.exactSequenceOf(matchers.toArray(new Matcher[0]));
    }

    private static Matcher<FactReversed> linked(FactReversed expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(FactReversed actual) {
                return actual.reversesEventId() != null && !actual.reversesEventId().isBlank()
                        && withLink(actual).equals(withLink(expected));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(expected + " linked to a stored event");
            }
        };
    }

    private static FactReversed withLink(FactReversed r) {
        return new FactReversed(r.kind(), r.factId(), "any", r.reason(), r.loanId(), r.enterpriseId(), r.bankId(),
                r.district(), r.source(), r.businessDate(), r.principal(), r.interest(), r.amount(), r.poolShare(),
                r.replacedBy());
    }

    // ------------------------------------------------------------ what cannot be reversed

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "CONTRIBUTION, C9",
            "GUIDED_LOAN, G9",
            "LOAN, L9",
            "EVALUATION, ent-1",
            "EVALUATION, ent-1@2023-13-45",
            "EVALUATION, ent-9@2023-01-10",
            "DEFAULT, L1",
            "DEFAULT, L9",
            "CLAIM, K9",
            "RECOVERY, V9",
    })
    void aFactThatIsNotRecordedCannotBeReversed(FactKind kind, String factId) {
        fixture.given(book())
                .when(new ReverseFact(kind, factId, "录入错误"))
                .expectException(notFound("factId", "unknown-fact"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ the corrected fact of every kind

    @Test
    void aRepaymentIsCorrectedByANewRepayment() {
        fixture.given(book())
                .when(new ReverseFact(FactKind.REPAYMENT, "R1", "金额错误",
                        new RecordRepayment("R1-C", "L1", wan(40), wan(1), day("2023-04-01"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.REPAYMENT, "R1", "金额错误", "L1", ENT_1, BANK, null, "2023-04-01", wan(30),
                                wan(1), Money.ZERO, Money.ZERO, "R1-C"),
                        repaid(l1, "R1-C", wan(40), wan(1), "2023-04-01", wan(60))))
                .expectResultMessagePayload(Recorded.applied("REPAYMENT:R1"));
    }

    @Test
    void aContributionIsCorrectedByANewContribution() {
        fixture.given(book())
                .when(new ReverseFact(FactKind.CONTRIBUTION, "C1", "金额错误",
                        new ContributeToPool("C1-C", YUBEI, PoolSource.DISTRICT, wan(60), day("2023-01-01"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.CONTRIBUTION, "C1", "金额错误", null, null, null, PoolSource.CITY,
                                "2023-01-01", Money.ZERO, Money.ZERO, wan(50), Money.ZERO, "C1-C"),
                        new cn.cq.fundledger.credit.api.PoolContributionReceived("C1-C", YUBEI, PoolSource.DISTRICT,
                                wan(60), day("2023-01-01"))));
    }

    @Test
    void aGuidedLoanIsCorrectedByANewGuidedLoan() {
        fixture.given(book())
                .when(new ReverseFact(FactKind.GUIDED_LOAN, "G1", "金额错误",
                        new RecordGuidedLoan("G1-C", BANK, ENT_1, YUBEI, wan(200), day("2023-05-01"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.GUIDED_LOAN, "G1", "金额错误", "G1", ENT_1, BANK, null, "2023-05-01",
                                wan(300), Money.ZERO, Money.ZERO, Money.ZERO, "G1-C"),
                        new GuidedLoanRecorded("G1-C", BANK, ENT_1, YUBEI, wan(200), day("2023-05-01"))));
    }

    @Test
    void anEvaluationIsCorrectedByAnotherGradeOnTheSameDay() {
        fixture.given(book())
                .when(new ReverseFact(FactKind.EVALUATION, ENT_3 + "@2023-01-10", "等级错误",
                        new RecordEvaluation(ENT_3, enterpriseName(ENT_3), YUBEI, Grade.B, day("2023-01-10"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.EVALUATION, ENT_3 + "@2023-01-10", "等级错误", null, ENT_3, null, null,
                                "2023-01-10", Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, ENT_3 + "@2023-01-10"),
                        evaluated(ENT_3, YUBEI, Grade.B, "2023-01-10")));
    }

    @Test
    void aWaitingClaimIsCorrectedByANewClaim() {
        LoanIssued l3 = issued("L3", ENT_3, wan(200), "2023-03-01");
        CompensationClaimed k3 = claimed("K3", l3, "2023-08-01"); // 160万: more than the pool holds, it waits
        List<Object> waiting = history(book(), l3, defaulted(l3, "2023-06-01", "2023-07-01", wan(200)), k3);
        fixture.given(waiting)
                .when(new ReverseFact(FactKind.CLAIM, "K3", "日期错误",
                        new ClaimCompensation("K3-C", "L3", day("2023-08-02"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.CLAIM, "K3", "日期错误", "L3", null, BANK, null, "2023-08-01", Money.ZERO,
                                Money.ZERO, wan(200), wan(160), "K3-C"),
                        claimed("K3-C", l3, "2023-08-02")));
    }

    @Test
    void aRecoveryIsCorrectedByANewRecovery() {
        fixture.given(book())
                .when(new ReverseFact(FactKind.RECOVERY, "V1", "金额错误",
                        new RecordRecovery("V1-C", "L2", wan(5), day("2023-09-01"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.RECOVERY, "V1", "金额错误", "L2", null, OTHER_BANK, null, "2023-09-01", Money.ZERO,
                                Money.ZERO, wan(10), wan(8), "V1-C"),
                        recovered("V1-C", l2, wan(5), wan(4), "2023-09-01")));
    }

    @Test
    void aCorrectedFactAlreadyRecordedIsNotANewFact() {
        List<Object> twoRepayments = history(book(), repaid(l1, "R2", wan(10), Money.ZERO, "2023-05-01", wan(60)));
        fixture.given(twoRepayments)
                .when(new ReverseFact(FactKind.REPAYMENT, "R1", "重复报送",
                        new RecordRepayment("R2", "L1", wan(10), Money.ZERO, day("2023-05-01"))))
                .expectException(conflict("replacement", "replacement-already-recorded"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ corrections sent again

    @Test
    void theSameCorrectionWithAnotherCorrectedFactIsAConflict() {
        FactReversed done = reversal(FactKind.GUIDED_LOAN, "G1", "金额错误", "G1", ENT_1, BANK, null, "2023-05-01",
                wan(300), Money.ZERO, Money.ZERO, Money.ZERO, "G1-C");
        List<Object> corrected = history(book(), done,
                new GuidedLoanRecorded("G1-C", BANK, ENT_1, YUBEI, wan(200), day("2023-05-01")));
        fixture.given(corrected)
                .when(new ReverseFact(FactKind.GUIDED_LOAN, "G1", "金额错误",
                        new RecordGuidedLoan("G1-C", BANK, ENT_1, YUBEI, wan(200), day("2023-05-01"))))
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("GUIDED_LOAN:G1"));
        fixture.given(corrected)
                .when(new ReverseFact(FactKind.GUIDED_LOAN, "G1", "金额错误",
                        new RecordGuidedLoan("G1-D", BANK, ENT_1, YUBEI, wan(100), day("2023-05-01"))))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void anEvaluationRecordedAgainAfterItsReversalIsReversedAnewForTheSameReason() {
        FactReversed first = reversal(FactKind.EVALUATION, ENT_3 + "@2023-01-10", "评价有误", null, ENT_3, null, null,
                "2023-01-10", Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, null);
        fixture.given(history(book(), first, evaluated(ENT_3, YUBEI, Grade.C, "2023-01-10")))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_3 + "@2023-01-10", "评价有误"))
                .expectEventsMatching(correction(first))
                .expectResultMessagePayload(Recorded.applied("EVALUATION:" + ENT_3 + "@2023-01-10"));
    }

    // ------------------------------------------------------------ a reversed fact no longer counts

    @Test
    void aReversedContributionNoLongerPaysClaims() {
        LoanIssued l3 = issued("L3", ENT_3, wan(50), "2023-03-01"); // pool share 40万
        FactReversed c1Reversed = reversal(FactKind.CONTRIBUTION, "C1", "金额错误", null, null, null, PoolSource.CITY,
                "2023-01-01", Money.ZERO, Money.ZERO, wan(50), Money.ZERO, null);
        FactReversed v1Reversed = reversal(FactKind.RECOVERY, "V1", "重复", "L2", null, OTHER_BANK, null, "2023-09-01",
                Money.ZERO, Money.ZERO, wan(10), wan(8), null);
        // the pool holds 94万 - 50万 - 8万 = 36万: a claim of 40万 waits
        fixture.given(history(book(), c1Reversed, v1Reversed, l3, defaulted(l3, "2023-10-01", "2023-11-01", wan(50))))
                .when(new ClaimCompensation("K3", "L3", day("2023-11-10")))
                .expectEvents(claimed("K3", l3, "2023-11-10"));
        // with the recovery still counted it would hold 44万 and pay
        fixture.given(history(book(), c1Reversed, l3, defaulted(l3, "2023-10-01", "2023-11-01", wan(50))))
                .when(new ClaimCompensation("K3", "L3", day("2023-11-10")))
                .expectEvents(claimed("K3", l3, "2023-11-10"),
                        paid(claimed("K3", l3, "2023-11-10"), "2023-11-10", "K3"));
    }

    @Test
    void anEnterpriseWhoseDefaultWasReversedMayBorrowAgain() {
        LoanIssued l3 = issued("L3", ENT_3, wan(5), "2023-03-01"); // 5万 of icbc's 105万: below the fuse
        FactReversed defaultReversed = reversal(FactKind.DEFAULT, "L3", "逾期已结清", "L3", ENT_3, BANK, null,
                "2023-07-01", wan(5), Money.ZERO, Money.ZERO, Money.ZERO, null);
        fixture.given(history(book(), l3, defaulted(l3, "2023-06-01", "2023-07-01", wan(5)), defaultReversed))
                .when(issue("L4", BANK, ENT_3, YUBEI, wan(100), "2023-08-01"))
                .expectEvents(issued("L4", ENT_3, wan(100), "2023-08-01"));
    }

    @Test
    void aLoanRefusedForAnExpiredGradeSaysWhichGradeExpiredWhen() {
        fixture.given(book())
                .when(issue("L9", BANK, ENT_3, YUBEI, wan(10), "2024-02-01"))
                .expectException(refused("issuedOn", "no-valid-grade"))
                .expectExceptionMessage(containsString("(its grade A of 2023-01-10 expired on 2024-01-10)"));
    }

    @Test
    void aDefaultIsCorrectedByADefaultOnOtherDates() {
        LoanIssued l3 = issued("L3", ENT_3, wan(5), "2023-03-01"); // 5万 of icbc's 105万: below the fuse
        fixture.given(history(book(), l3, defaulted(l3, "2023-06-01", "2023-07-01", wan(5))))
                .when(new ReverseFact(FactKind.DEFAULT, "L3", "日期错误",
                        new DeclareDefault("L3", day("2023-06-01"), day("2023-07-15"))))
                .expectEventsMatching(correction(
                        reversal(FactKind.DEFAULT, "L3", "日期错误", "L3", ENT_3, BANK, null, "2023-07-01", wan(5),
                                Money.ZERO, Money.ZERO, Money.ZERO, "L3"),
                        defaulted(l3, "2023-06-01", "2023-07-15", wan(5))));
    }
}
