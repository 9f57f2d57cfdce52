package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.EnterpriseEvaluated;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.RecordEvaluation;
import cn.cq.fundledger.credit.api.RegisterBank;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening the program, registering banks and recording enterprise evaluations. */
class CreditProgramTest extends CreditProgramTestSupport {

    @Nested
    class Opening {

        @Test
        void theFirstCommandOpensTheProgramWithThePublishedPolicies() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterBank(BANK, bankName(BANK)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(OPENED, new BankRegistered(BANK, bankName(BANK)))
                    .expectResultMessagePayload(Recorded.applied(BANK));
        }

        @Test
        void anOpenedProgramIsNotOpenedAgain() {
            fixture.given(OPENED)
                    .when(new RegisterBank(BANK, bankName(BANK)))
                    .expectEvents(new BankRegistered(BANK, bankName(BANK)));
        }
    }

    @Nested
    class Banks {

        @Test
        void registersABank() {
            fixture.given(OPENED, bank(OTHER_BANK))
                    .when(new RegisterBank(BANK, "ICBC Chongqing"))
                    .expectEvents(new BankRegistered(BANK, "ICBC Chongqing"))
                    .expectResultMessagePayload(Recorded.applied(BANK));
        }

        @Test
        void theSameBankAgainIsADuplicateAndRecordsNothing() {
            fixture.given(OPENED, new BankRegistered(BANK, "ICBC Chongqing"))
                    .when(new RegisterBank(BANK, "ICBC Chongqing"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf(BANK));
        }

        @Test
        void theSameIdWithAnotherNameIsAConflict() {
            fixture.given(OPENED, new BankRegistered(BANK, "ICBC Chongqing"))
                    .when(new RegisterBank(BANK, "China Construction Bank"))
                    .expectException(conflict("bankId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void aBankNeedsAName() {
            fixture.given(OPENED)
                    .when(new RegisterBank(BANK, " "))
                    .expectException(invalid("name", "required"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Evaluations {

        @ParameterizedTest(name = "grade {0} gives a line of {1}")
        @CsvSource({"A, 500万", "B, 400万", "C, 300万", "D, 160万", "E, 80万"})
        void theGradeGivesThePublishedCreditLineForTwelveMonths(Grade grade, String line) {
            fixture.given(OPENED)
                    .when(new RecordEvaluation(ENT_1, "Chongqing Optics", YUBEI, grade, day("2023-03-15")))
                    .expectEvents(new EnterpriseEvaluated(ENT_1, "Chongqing Optics", YUBEI, grade, day("2023-03-15"),
                            day("2024-03-15"), Money.parse(line)))
                    .expectResultMessagePayload(Recorded.applied(ENT_1 + "@2023-03-15"));
        }

        @Test
        void aLaterEvaluationOfTheSameEnterpriseIsRecordedToo() {
            fixture.given(OPENED, evaluated(ENT_1, YUBEI, Grade.A, "2023-03-15"))
                    .when(new RecordEvaluation(ENT_1, enterpriseName(ENT_1), YUBEI, Grade.B, day("2024-03-15")))
                    .expectEvents(new EnterpriseEvaluated(ENT_1, enterpriseName(ENT_1), YUBEI, Grade.B,
                            day("2024-03-15"), day("2025-03-15"), Money.parse("400万")));
        }

        @Test
        void theSameEvaluationAgainIsADuplicate() {
            fixture.given(OPENED, evaluated(ENT_1, YUBEI, Grade.A, "2023-03-15"))
                    .when(new RecordEvaluation(ENT_1, enterpriseName(ENT_1), YUBEI, Grade.A, day("2023-03-15")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf(ENT_1 + "@2023-03-15"));
        }

        @Test
        void anotherGradeForTheSameEnterpriseAndDateIsAConflict() {
            fixture.given(OPENED, evaluated(ENT_1, YUBEI, Grade.A, "2023-03-15"))
                    .when(new RecordEvaluation(ENT_1, enterpriseName(ENT_1), YUBEI, Grade.C, day("2023-03-15")))
                    .expectException(conflict("evaluatedOn", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void anotherDistrictForTheSameEnterpriseAndDateIsAConflict() {
            fixture.given(OPENED, evaluated(ENT_1, YUBEI, Grade.A, "2023-03-15"))
                    .when(new RecordEvaluation(ENT_1, enterpriseName(ENT_1), BANAN, Grade.A, day("2023-03-15")))
                    .expectException(conflict("evaluatedOn", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void anEvaluationBeforeTheProgramStartedIsRefused() {
            fixture.given(OPENED)
                    .when(new RecordEvaluation(ENT_1, enterpriseName(ENT_1), YUBEI, Grade.A, day("2016-12-31")))
                    .expectException(refused("evaluatedOn", "date-order"))
                    .expectNoEvents();
        }
    }
}
