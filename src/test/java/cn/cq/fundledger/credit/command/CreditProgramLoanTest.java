package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.IssueLoan;
import cn.cq.fundledger.credit.api.LoanIssued;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issuing a knowledge-value credit loan: what the loan records and every reason to refuse it. */
class CreditProgramLoanTest extends CreditProgramTestSupport {

    /** ENT_1 is graded C (line 300万) in Yubei on 2023-01-10, valid through 2024-01-09; the ratio is 80%. */
    private static List<Object> gradeCEnterprise(Object... more) {
        return history(OPENED, bank(BANK), evaluated(ENT_1, YUBEI, Grade.C, "2023-01-10"),
                generalRatio("2017-01-01", 8000), List.of(more));
    }

    private static IssueLoan issue(String loanId, Money principal, String issuedOn) {
        return issue(loanId, BANK, ENT_1, YUBEI, principal, issuedOn);
    }

    private static LoanIssued gradeCLoan(String loanId, Money principal, String issuedOn) {
        return issued(loanId, BANK, ENT_1, YUBEI, principal, issuedOn, Grade.C, EIGHTY);
    }

    @Test
    void aLoanRecordsTheEnterprisesGradeAndTheRatioInForce() {
        fixture.given(gradeCEnterprise())
                .when(new IssueLoan("L1", BANK, ENT_1, YUBEI, wan(100), bp(345), 6, day("2023-06-01")))
                .expectEvents(new LoanIssued("L1", BANK, ENT_1, YUBEI, wan(100), bp(345), 6, day("2023-06-01"),
                        Grade.C, EIGHTY))
                .expectResultMessagePayload(Recorded.applied("L1"));
    }

    @Test
    void aLoanFromAnUnknownBankIsRefused() {
        fixture.given(gradeCEnterprise())
                .when(issue("L1", OTHER_BANK, ENT_1, YUBEI, wan(100), "2023-06-01"))
                .expectException(refused("bankId", "unknown-bank"))
                .expectNoEvents();
    }

    @Test
    void aLoanToAnEnterpriseNeverEvaluatedIsRefused() {
        fixture.given(gradeCEnterprise())
                .when(issue("L1", BANK, ENT_2, YUBEI, wan(100), "2023-06-01"))
                .expectException(refused("enterpriseId", "unknown-enterprise"))
                .expectNoEvents();
    }

    @Nested
    class GradeValidity {

        @Test
        void theGradeIsValidOnTheDayOfTheEvaluation() {
            fixture.given(gradeCEnterprise())
                    .when(issue("L1", wan(100), "2023-01-10"))
                    .expectEvents(gradeCLoan("L1", wan(100), "2023-01-10"));
        }

        @Test
        void theGradeIsValidOnTheLastDayOfItsYear() {
            fixture.given(gradeCEnterprise())
                    .when(issue("L1", wan(100), "2024-01-09"))
                    .expectEvents(gradeCLoan("L1", wan(100), "2024-01-09"));
        }

        @Test
        void aGradeOneYearOldIsExpired() {
            fixture.given(gradeCEnterprise())
                    .when(issue("L1", wan(100), "2024-01-10"))
                    .expectException(refused("issuedOn", "no-valid-grade"))
                    .expectNoEvents();
        }

        @Test
        void beforeItsFirstEvaluationAnEnterpriseHasNoGrade() {
            fixture.given(gradeCEnterprise())
                    .when(issue("L1", wan(100), "2023-01-09"))
                    .expectException(refused("issuedOn", "no-valid-grade"))
                    .expectNoEvents();
        }

        @Test
        void aNewEvaluationRenewsTheGradeAndItsLine() {
            fixture.given(gradeCEnterprise(evaluated(ENT_1, YUBEI, Grade.B, "2024-01-05")))
                    .when(issue("L1", wan(400), "2024-01-10"))
                    .expectEvents(issued("L1", BANK, ENT_1, YUBEI, wan(400), "2024-01-10", Grade.B, EIGHTY));
        }

        @Test
        void theLatestEvaluationOnOrBeforeTheIssueDateDecidesEvenIfItIsLower() {
            fixture.given(gradeCEnterprise(evaluated(ENT_1, YUBEI, Grade.E, "2023-06-01")))
                    .when(issue("L1", wan(100), "2023-07-01"))
                    .expectException(refused("principal", "credit-line-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void anEvaluationAfterTheIssueDateDoesNotApply() {
            fixture.given(gradeCEnterprise(evaluated(ENT_1, YUBEI, Grade.E, "2023-06-01")))
                    .when(issue("L1", wan(100), "2023-05-31"))
                    .expectEvents(gradeCLoan("L1", wan(100), "2023-05-31"));
        }
    }

    @Test
    void aLoanInAnotherDistrictThanTheEvaluationIsRefused() {
        fixture.given(gradeCEnterprise())
                .when(issue("L1", BANK, ENT_1, BANAN, wan(100), "2023-06-01"))
                .expectException(refused("district", "district-mismatch"))
                .expectNoEvents();
    }

    @Test
    void anEnterpriseWithALoanInDefaultGetsNoNewLoan() {
        LoanIssued first = gradeCLoan("L1", wan(100), "2023-02-01");
        fixture.given(gradeCEnterprise(first, defaulted(first, "2023-05-01", "2023-06-01", wan(100))))
                .when(issue("L2", wan(50), "2023-07-01"))
                .expectException(refused("enterpriseId", "loan-in-default"))
                .expectNoEvents();
    }

    @Nested
    class CreditLine {

        @Test
        void aLoanUpToExactlyTheLineIsAccepted() {
            fixture.given(gradeCEnterprise(gradeCLoan("L1", wan(200), "2023-02-01")))
                    .when(issue("L2", wan(100), "2023-07-01"))
                    .expectEvents(gradeCLoan("L2", wan(100), "2023-07-01"));
        }

        @Test
        void aLoanOneFenOverTheLineIsRefused() {
            fixture.given(gradeCEnterprise(gradeCLoan("L1", wan(200), "2023-02-01")))
                    .when(issue("L2", wan(100).plus(Money.ofFen(1)), "2023-07-01"))
                    .expectException(refused("principal", "credit-line-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void aSingleLoanAboveTheLineIsRefused() {
            fixture.given(gradeCEnterprise())
                    .when(issue("L1", wan(300).plus(Money.ofFen(1)), "2023-07-01"))
                    .expectException(refused("principal", "credit-line-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void principalRepaidFreesTheLine() {
            LoanIssued first = gradeCLoan("L1", wan(200), "2023-02-01");
            fixture.given(gradeCEnterprise(first, repaid(first, "R1", wan(50), wan(1), "2023-05-01", wan(150))))
                    .when(issue("L2", wan(150), "2023-07-01"))
                    .expectEvents(gradeCLoan("L2", wan(150), "2023-07-01"));
        }

        @Test
        void interestPaidDoesNotFreeTheLine() {
            LoanIssued first = gradeCLoan("L1", wan(200), "2023-02-01");
            fixture.given(gradeCEnterprise(first, repaid(first, "R1", wan(50), wan(1), "2023-05-01", wan(150))))
                    .when(issue("L2", wan(150).plus(Money.ofFen(1)), "2023-07-01"))
                    .expectException(refused("principal", "credit-line-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void aClosedLoanFreesTheWholeLine() {
            LoanIssued first = gradeCLoan("L1", wan(300), "2023-02-01");
            fixture.given(gradeCEnterprise(first, repaid(first, "R1", wan(300), wan(5), "2023-05-01", Money.ZERO),
                            closed("L1", "2023-05-01")))
                    .when(issue("L2", wan(300), "2023-07-01"))
                    .expectEvents(gradeCLoan("L2", wan(300), "2023-07-01"));
        }

        @Test
        void anotherEnterprisesLoansDoNotCount() {
            fixture.given(gradeCEnterprise(evaluated(ENT_2, YUBEI, Grade.C, "2023-01-10"),
                            issued("L9", BANK, ENT_2, YUBEI, wan(300), "2023-02-01", Grade.C, EIGHTY)))
                    .when(issue("L1", wan(300), "2023-07-01"))
                    .expectEvents(gradeCLoan("L1", wan(300), "2023-07-01"));
        }
    }

    @ParameterizedTest(name = "principal {0} refused")
    @ValueSource(strings = {"0", "-0.01", "-100万"})
    void aPrincipalOfZeroOrLessIsRefused(String principal) {
        fixture.given(gradeCEnterprise())
                .when(issue("L1", yuan(principal), "2023-06-01"))
                .expectException(invalid("principal", "amount-positive"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "term of {0} months refused")
    @ValueSource(ints = {-1, 0, 13, 24})
    void aTermOutsideOneToTwelveMonthsIsRefused(int termMonths) {
        fixture.given(gradeCEnterprise())
                .when(new IssueLoan("L1", BANK, ENT_1, YUBEI, wan(100), RATE, termMonths, day("2023-06-01")))
                .expectException(invalid("termMonths", "term-range"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "term of {0} months accepted")
    @ValueSource(ints = {1, 12})
    void aTermOfOneToTwelveMonthsIsAccepted(int termMonths) {
        fixture.given(gradeCEnterprise())
                .when(new IssueLoan("L1", BANK, ENT_1, YUBEI, wan(100), RATE, termMonths, day("2023-06-01")))
                .expectEvents(new LoanIssued("L1", BANK, ENT_1, YUBEI, wan(100), RATE, termMonths,
                        day("2023-06-01"), Grade.C, EIGHTY));
    }

    @Nested
    class SameLoanId {

        @Test
        void theSameLoanAgainIsADuplicateEvenWhenItsLineIsUsedUp() {
            fixture.given(gradeCEnterprise(gradeCLoan("L1", wan(300), "2023-06-01")))
                    .when(issue("L1", wan(300), "2023-06-01"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("L1"));
        }

        @Test
        void anotherPrincipalUnderTheSameIdIsAConflict() {
            fixture.given(gradeCEnterprise(gradeCLoan("L1", wan(100), "2023-06-01")))
                    .when(issue("L1", wan(200), "2023-06-01"))
                    .expectException(conflict("loanId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void anotherIssueDateUnderTheSameIdIsAConflict() {
            fixture.given(gradeCEnterprise(gradeCLoan("L1", wan(100), "2023-06-01")))
                    .when(issue("L1", wan(100), "2023-06-02"))
                    .expectException(conflict("loanId", "id-conflict"))
                    .expectNoEvents();
        }
    }
}
