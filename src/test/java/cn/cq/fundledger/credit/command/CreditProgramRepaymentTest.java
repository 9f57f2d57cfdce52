package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanClosed;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.LoanRepaid;
import cn.cq.fundledger.credit.api.RecordRepayment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repayments of principal and interest on a loan. */
class CreditProgramRepaymentTest extends CreditProgramTestSupport {

    /** L1: 100万 to ENT_1 in Yubei, issued on 2023-06-01. */
    private static final LoanIssued LOAN = issued("L1", ENT_1, wan(100), "2023-06-01");

    private static List<Object> loanIssued(Object... more) {
        return history(OPENED, bank(BANK), evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"),
                generalRatio("2017-01-01", 8000), LOAN, List.of(more));
    }

    private static LoanRepaid repaidOnL1(String id, Money principal, Money interest, String paidOn, Money after) {
        return repaid(LOAN, id, principal, interest, paidOn, after);
    }

    @Test
    void aPartRepaymentLowersTheOutstandingPrincipal() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L1", wan(30), wan(1), day("2023-09-01")))
                .expectEvents(repaidOnL1("R1", wan(30), wan(1), "2023-09-01", wan(70)))
                .expectResultMessagePayload(Recorded.applied("R1"));
    }

    @Test
    void aSecondRepaymentCountsTheFirst() {
        fixture.given(loanIssued(repaidOnL1("R1", wan(30), wan(1), "2023-09-01", wan(70))))
                .when(new RecordRepayment("R2", "L1", wan(20), wan(1), day("2023-12-01")))
                .expectEvents(repaidOnL1("R2", wan(20), wan(1), "2023-12-01", wan(50)));
    }

    @Test
    void anInterestOnlyPaymentLeavesThePrincipal() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L1", Money.ZERO, wan(1), day("2023-09-01")))
                .expectEvents(repaidOnL1("R1", Money.ZERO, wan(1), "2023-09-01", wan(100)));
    }

    @Test
    void repayingTheRestClosesTheLoan() {
        fixture.given(loanIssued(repaidOnL1("R1", wan(30), wan(1), "2023-09-01", wan(70))))
                .when(new RecordRepayment("R2", "L1", wan(70), wan(2), day("2024-06-01")))
                .expectEvents(repaidOnL1("R2", wan(70), wan(2), "2024-06-01", Money.ZERO),
                        new LoanClosed("L1", day("2024-06-01")));
    }

    @Test
    void principalAboveTheOutstandingIsRefused() {
        fixture.given(loanIssued(repaidOnL1("R1", wan(30), wan(1), "2023-09-01", wan(70))))
                .when(new RecordRepayment("R2", "L1", wan(70).plus(Money.ofFen(1)), Money.ZERO, day("2024-06-01")))
                .expectException(refused("principal", "repayment-exceeds-outstanding"))
                .expectNoEvents();
    }

    @Test
    void aRepaymentOnAClosedLoanIsRefused() {
        fixture.given(loanIssued(repaidOnL1("R1", wan(100), wan(3), "2024-06-01", Money.ZERO),
                        closed("L1", "2024-06-01")))
                .when(new RecordRepayment("R2", "L1", Money.ZERO, wan(1), day("2024-06-02")))
                .expectException(refused("loanId", "loan-closed"))
                .expectNoEvents();
    }

    @Test
    void aRepaymentOnALoanInDefaultIsRefused() {
        fixture.given(loanIssued(defaulted(LOAN, "2024-06-01", "2024-08-01", wan(100))))
                .when(new RecordRepayment("R1", "L1", wan(10), Money.ZERO, day("2024-09-01")))
                .expectException(refused("loanId", "loan-in-default"))
                .expectNoEvents();
    }

    @Test
    void aRepaymentBeforeTheIssueDateIsRefused() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L1", wan(10), Money.ZERO, day("2023-05-31")))
                .expectException(refused("paidOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void aRepaymentOnTheIssueDateIsAccepted() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L1", wan(10), Money.ZERO, day("2023-06-01")))
                .expectEvents(repaidOnL1("R1", wan(10), Money.ZERO, "2023-06-01", wan(90)));
    }

    @Test
    void aRepaymentOfNothingIsRefused() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L1", Money.ZERO, Money.ZERO, day("2023-09-01")))
                .expectException(invalid("principal", "amount-positive"))
                .expectNoEvents();
    }

    @Test
    void aNegativeInterestIsRefused() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L1", wan(10), yuan("-1"), day("2023-09-01")))
                .expectException(invalid("interest", "amount-not-negative"))
                .expectNoEvents();
    }

    @Test
    void aRepaymentOnAnUnknownLoanIsRefused() {
        fixture.given(loanIssued())
                .when(new RecordRepayment("R1", "L404", wan(10), Money.ZERO, day("2023-09-01")))
                .expectException(notFound("loanId", "unknown-loan"))
                .expectNoEvents();
    }

    @Test
    void theSameRepaymentAgainIsADuplicateEvenAfterTheLoanClosed() {
        fixture.given(loanIssued(repaidOnL1("R1", wan(100), wan(3), "2024-06-01", Money.ZERO),
                        closed("L1", "2024-06-01")))
                .when(new RecordRepayment("R1", "L1", wan(100), wan(3), day("2024-06-01")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("R1"));
    }

    @Test
    void anotherAmountUnderTheSameRepaymentIdIsAConflict() {
        fixture.given(loanIssued(repaidOnL1("R1", wan(30), wan(1), "2023-09-01", wan(70))))
                .when(new RecordRepayment("R1", "L1", wan(31), wan(1), day("2023-09-01")))
                .expectException(conflict("repaymentId", "id-conflict"))
                .expectNoEvents();
    }
}
