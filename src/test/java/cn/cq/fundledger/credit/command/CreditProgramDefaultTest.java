package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declaring a loan in default. */
class CreditProgramDefaultTest extends CreditProgramTestSupport {

    /** L1: 100万 to ENT_1 in Yubei, issued on 2023-06-01. */
    private static final LoanIssued LOAN = issued("L1", ENT_1, wan(100), "2023-06-01");

    /**
     * L1 and, so that one default keeps the bank's loss rate under the fuse's 5% warning (100万 of 2600万 is
     * 3.8%), five healthy 500万 loans of the same bank to ENT_2.
     */
    private static List<Object> loanIssued(Object... more) {
        List<Object> healthy = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            healthy.add(evaluated(ENT_2, YUBEI, Grade.A, "2022-0" + i + "-01"));
            healthy.add(issued("H" + i, ENT_2, wan(500), "2022-0" + i + "-02"));
            healthy.add(repaid(issued("H" + i, ENT_2, wan(500), "2022-0" + i + "-02"), "HR" + i, wan(500), wan(10),
                    "2022-0" + i + "-28", Money.ZERO));
            healthy.add(closed("H" + i, "2022-0" + i + "-28"));
        }
        return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000), healthy,
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), LOAN, List.of(more));
    }

    private static LoanDefaulted defaultedL1(String overdueSince, String declaredOn, Money unrecovered) {
        return new LoanDefaulted("L1", BANK, ENT_1, YUBEI, day(overdueSince), day(declaredOn), unrecovered);
    }

    @Test
    void aLoanNeverRepaidLeavesItsWholePrincipalUnrecovered() {
        fixture.given(loanIssued())
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-08-01")))
                .expectEvents(defaultedL1("2024-06-01", "2024-08-01", wan(100)))
                .expectResultMessagePayload(Recorded.applied("L1"));
    }

    @Test
    void theUnrecoveredPrincipalIsThePrincipalLessThePrincipalRepaid() {
        fixture.given(loanIssued(repaid(LOAN, "R1", wan(30), wan(2), "2023-09-01", wan(70)),
                        repaid(LOAN, "R2", Money.ZERO, wan(1), "2023-12-01", wan(70)),
                        repaid(LOAN, "R3", yuan("0.01"), Money.ZERO, "2024-01-01", yuan("699999.99"))))
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-08-01")))
                .expectEvents(defaultedL1("2024-06-01", "2024-08-01", yuan("699999.99")));
    }

    @Test
    void aClosedLoanCannotDefault() {
        fixture.given(loanIssued(repaid(LOAN, "R1", wan(100), wan(3), "2024-05-01", Money.ZERO),
                        closed("L1", "2024-05-01")))
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-08-01")))
                .expectException(refused("loanId", "loan-closed"))
                .expectNoEvents();
    }

    @Test
    void aDeclarationBeforeTheLoanWasOverdueIsRefused() {
        fixture.given(loanIssued())
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-05-31")))
                .expectException(refused("declaredOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void aDeclarationOnTheDayTheLoanFellOverdueIsAccepted() {
        fixture.given(loanIssued())
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-06-01")))
                .expectEvents(defaultedL1("2024-06-01", "2024-06-01", wan(100)));
    }

    @Test
    void overdueBeforeTheIssueDateIsRefused() {
        fixture.given(loanIssued())
                .when(new DeclareDefault("L1", day("2023-05-31"), day("2024-06-01")))
                .expectException(refused("overdueSince", "date-order"))
                .expectNoEvents();
    }

    @Test
    void anUnknownLoanCannotDefault() {
        fixture.given(loanIssued())
                .when(new DeclareDefault("L404", day("2024-06-01"), day("2024-08-01")))
                .expectException(notFound("loanId", "unknown-loan"))
                .expectNoEvents();
    }

    @Test
    void theSameDeclarationAgainIsADuplicate() {
        fixture.given(loanIssued(defaultedL1("2024-06-01", "2024-08-01", wan(100))))
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-08-01")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("L1"));
    }

    @Test
    void anotherDeclarationOfADefaultedLoanIsAConflict() {
        fixture.given(loanIssued(defaultedL1("2024-06-01", "2024-08-01", wan(100))))
                .when(new DeclareDefault("L1", day("2024-06-01"), day("2024-09-01")))
                .expectException(conflict("loanId", "id-conflict"))
                .expectNoEvents();
    }
}
