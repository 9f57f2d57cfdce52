package cn.cq.fundledger.credit.command;

import static org.hamcrest.Matchers.containsString;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.RecordRecovery;
import cn.cq.fundledger.credit.api.RecordRepayment;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.api.ReverseFact.FactKind;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * What a reversal releases and what it does not: a reversed loan or guided loan no longer holds the evaluation it
 * stood on; a reversed loan takes no default; a recovery whose pool share paid another claim stays; a closed loan
 * stays closed when a repayment of interest only is reversed.
 */
class CreditProgramWhatAReversalReleasesTest extends CreditProgramTestSupport {

    private final LoanIssued l1 = issued("L1", ENT_1, wan(100), "2023-02-01");

    private List<Object> book(Object... more) {
        return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), l1, List.of(more));
    }

    private static FactReversed reversal(FactKind kind, String factId, String loanId, String enterpriseId,
                                         String bankId, String date, Money principal, Money amount, Money poolShare) {
        return new FactReversed(kind, factId, "event-x", "录入错误", loanId, enterpriseId, bankId, YUBEI, null,
                day(date), principal, Money.ZERO, amount, poolShare, null);
    }

    private static FactReversed evaluationReversal(String enterpriseId, String evaluatedOn) {
        return reversal(FactKind.EVALUATION, enterpriseId + "@" + evaluatedOn, null, enterpriseId, null, evaluatedOn,
                Money.ZERO, Money.ZERO, Money.ZERO);
    }

    private static FactReversed evaluationReversal(String enterpriseId, String evaluatedOn, String reason) {
        FactReversed r = evaluationReversal(enterpriseId, evaluatedOn);
        return new FactReversed(r.kind(), r.factId(), r.reversesEventId(), reason, r.loanId(), r.enterpriseId(),
                r.bankId(), r.district(), r.source(), r.businessDate(), r.principal(), r.interest(), r.amount(),
                r.poolShare(), r.replacedBy());
    }

    @Test
    void aLiveLoanAloneHoldsItsEvaluation() {
        fixture.given(book())
                .when(new ReverseFact(FactKind.EVALUATION, ENT_1 + "@2023-01-10", "评价有误"))
                .expectException(refused("factId", "evaluation-in-use"))
                .expectExceptionMessage(containsString("loans L1 were issued on this grade"))
                .expectNoEvents();
    }

    @Test
    void aReversedLoanNoLongerHoldsItsEvaluation() {
        fixture.given(book(reversal(FactKind.LOAN, "L1", "L1", ENT_1, BANK, "2023-02-01", wan(100), Money.ZERO,
                        Money.ZERO)))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_1 + "@2023-01-10", "评价有误"))
                .expectEventsMatching(onlyTheReversal(evaluationReversal(ENT_1, "2023-01-10", "评价有误")));
    }

    @Test
    void anotherEvaluationOfTheSameEnterpriseIsNotHeldByItsLoans() {
        fixture.given(book(evaluated(ENT_1, YUBEI, Grade.B, "2023-06-01")))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_1 + "@2023-06-01", "评价有误"))
                .expectEventsMatching(onlyTheReversal(evaluationReversal(ENT_1, "2023-06-01", "评价有误")));
    }

    @Test
    void aReversedGuidedLoanNoLongerHoldsItsEvaluation() {
        GuidedLoanRecorded guided = new GuidedLoanRecorded("G1", BANK, ENT_2, YUBEI, wan(300), day("2023-05-01"));
        fixture.given(OPENED, bank(BANK), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), guided,
                        reversal(FactKind.GUIDED_LOAN, "G1", "G1", ENT_2, BANK, "2023-05-01", wan(300), Money.ZERO,
                                Money.ZERO))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_2 + "@2023-01-10", "评价有误"))
                .expectEventsMatching(onlyTheReversal(evaluationReversal(ENT_2, "2023-01-10", "评价有误")));
    }

    @Test
    void aReversedEvaluationNotRecordedAgainCannotBeReversedForAnotherReason() {
        fixture.given(book(evaluated(ENT_2, YUBEI, Grade.B, "2023-06-01"), evaluationReversal(ENT_2, "2023-06-01")))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_2 + "@2023-06-01", "另一个理由"))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aReversedLoanTakesNoDefault() {
        FactReversed loanReversed = reversal(FactKind.LOAN, "L1", "L1", ENT_1, BANK, "2023-02-01", wan(100),
                Money.ZERO, Money.ZERO);
        fixture.given(book(loanReversed))
                .when(new DeclareDefault("L1", day("2023-06-01"), day("2023-07-01")))
                .expectException(refused("loanId", "loan-reversed"))
                .expectNoEvents();
        // nor another default than the one reversed with it
        FactReversed defaultReversed = reversal(FactKind.DEFAULT, "L1", "L1", ENT_1, BANK, "2023-07-01", wan(100),
                Money.ZERO, Money.ZERO);
        fixture.given(book(defaulted(l1, "2023-06-01", "2023-07-01", wan(100)), defaultReversed, loanReversed))
                .when(new DeclareDefault("L1", day("2023-05-01"), day("2023-07-01")))
                .expectException(refused("loanId", "loan-reversed"))
                .expectNoEvents();
    }

    @Test
    void aRecoveryWhosePoolSharePaidAnotherClaimCannotBeReversed() {
        LoanIssued l3 = issued("L3", ENT_3, wan(10), "2023-03-01"); // pool share 8万
        CompensationClaimed k1 = claimed("K1", l1, "2023-07-10");    // pool share 80万
        CompensationClaimed k3 = claimed("K3", l3, "2023-08-01");
        List<Object> recoveredAndSpent = book(evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"), l3,
                defaulted(l1, "2023-06-01", "2023-07-01", wan(100)), defaulted(l3, "2023-06-01", "2023-07-01", wan(10)),
                contributed("C1", YUBEI, wan(80), "2023-07-01"), k1, paid(k1, "2023-07-10", "K1"), k3,
                recovered("V1", l1, wan(10), wan(8), "2023-09-01"),
                new CompensationPaid("K3", "L3", BANK, YUBEI, wan(8), day("2023-09-01"), "V1"));
        fixture.given(recoveredAndSpent)
                .when(new ReverseFact(FactKind.RECOVERY, "V1", "重复"))
                .expectException(refused("factId", "pool-balance-used"))
                .expectNoEvents();
    }

    @Test
    void aRecoveryBeforeCompensationSaysWhetherTheClaimIsMissingOrWaiting() {
        List<Object> inDefault = book(defaulted(l1, "2023-06-01", "2023-07-01", wan(100)));
        fixture.given(inDefault)
                .when(new RecordRecovery("V1", "L1", wan(10), day("2023-09-01")))
                .expectException(refused("loanId", "recovery-before-compensation"))
                .expectExceptionMessage(containsString("loan L1 has no compensation claim;"));
        fixture.given(history(inDefault, claimed("K1", l1, "2023-07-10")))
                .when(new RecordRecovery("V1", "L1", wan(10), day("2023-09-01")))
                .expectException(refused("loanId", "recovery-before-compensation"))
                .expectExceptionMessage(containsString("loan L1 has a compensation claim still waiting for the pool;"));
    }

    @Test
    void aClosedLoanStaysClosedWhenARepaymentOfInterestOnlyIsReversed() {
        List<Object> closedLoan = book(repaid(l1, "R1", Money.ZERO, wan(1), "2023-05-01", wan(100)),
                repaid(l1, "R2", wan(100), wan(1), "2023-08-01", Money.ZERO), closed("L1", "2023-08-01"),
                reversal(FactKind.REPAYMENT, "R1", "L1", ENT_1, BANK, "2023-05-01", Money.ZERO, Money.ZERO,
                        Money.ZERO));
        fixture.given(closedLoan)
                .when(new RecordRepayment("R3", "L1", Money.ZERO, wan(1), day("2023-09-01")))
                .expectException(refused("loanId", "loan-closed"))
                .expectNoEvents();
    }

    /** The one event of a reversal: the expected one, linked to whichever stored event recorded the fact. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<EventMessage<?>>> onlyTheReversal(FactReversed expected) {
        return (Matcher) Matchers.exactSequenceOf(Matchers.messageWithPayload(new TypeSafeMatcher<FactReversed>() {
            @Override
            protected boolean matchesSafely(FactReversed actual) {
                return actual.reversesEventId() != null && unlinked(actual).equals(unlinked(expected));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(expected + " linked to a stored event");
            }
        }), Matchers.andNoMore());
    }

    private static FactReversed unlinked(FactReversed r) {
        return new FactReversed(r.kind(), r.factId(), "linked", r.reason(), r.loanId(), r.enterpriseId(), r.bankId(),
                r.district(), r.source(), r.businessDate(), r.principal(), r.interest(), r.amount(), r.poolShare(),
                r.replacedBy());
    }
}
