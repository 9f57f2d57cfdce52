package cn.cq.fundledger.credit.command;

import static org.hamcrest.Matchers.containsString;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.FuseThresholdsSet;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.IssueLoan;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.RecordEvaluation;
import cn.cq.fundledger.credit.api.ReinstateBank;
import cn.cq.fundledger.credit.api.ReverseFact.FactKind;
import cn.cq.fundledger.credit.api.SetFuseThresholds;
import cn.cq.fundledger.credit.api.SetRiskSharingRatio;
import cn.cq.fundledger.credit.api.BankReinstated;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A re-sent fact is recorded once and answered as a duplicate; under a recorded id, a fact that differs in any
 * field is refused as a conflict; a fact that was reversed and is re-sent (a file sent again) stays reversed; and
 * the answer names the fact recorded.
 */
class CreditProgramResentFactsTest extends CreditProgramTestSupport {

    private static FactReversed reversal(FactKind kind, String factId, String reason, LoanIssued loan, String date,
                                         Money principal, Money amount, Money poolShare) {
        return new FactReversed(kind, factId, "event-x", reason, loan == null ? null : loan.loanId(),
                loan == null ? null : loan.enterpriseId(), loan == null ? null : loan.bankId(), YUBEI, null, day(date),
                principal, Money.ZERO, amount, poolShare, null);
    }

    @Nested
    class RiskSharingVersions {

        @Test
        void aBanksOwnVersionFromTheSameDateAsTheGeneralOneIsAVersionOfItsOwn() {
            fixture.given(OPENED, bank(BANK), generalRatio("2023-01-01", 8000))
                    .when(new SetRiskSharingRatio(day("2023-01-01"), bp(7000), BANK))
                    .expectEvents(bankRatio(BANK, "2023-01-01", 7000))
                    .expectResultMessagePayload(Recorded.applied("2023-01-01@" + BANK));
        }

        @Test
        void aGeneralVersionFromAnotherDateIsAVersionOfItsOwn() {
            fixture.given(OPENED, generalRatio("2017-01-01", 8000))
                    .when(new SetRiskSharingRatio(day("2024-07-01"), bp(7000), null))
                    .expectEvents(generalRatio("2024-07-01", 7000))
                    .expectResultMessagePayload(Recorded.applied("2024-07-01"));
        }

        @Test
        void aBlankBankMeansAllBanks() {
            fixture.given(OPENED)
                    .when(new SetRiskSharingRatio(day("2017-01-01"), EIGHTY, "  "))
                    .expectEvents(generalRatio("2017-01-01", 8000))
                    .expectResultMessagePayload(Recorded.applied("2017-01-01"));
        }

        @Test
        void theConflictSaysWhichBanksTheRecordedVersionIsFor() {
            fixture.given(OPENED, bank(BANK), generalRatio("2017-01-01", 8000), bankRatio(BANK, "2023-01-01", 7000))
                    .when(new SetRiskSharingRatio(day("2017-01-01"), bp(7000), null))
                    .expectException(conflict("effectiveFrom", "id-conflict"))
                    .expectExceptionMessage(containsString("a ratio of 80% is already recorded from 2017-01-01 for all banks"));
            fixture.given(OPENED, bank(BANK), generalRatio("2017-01-01", 8000), bankRatio(BANK, "2023-01-01", 7000))
                    .when(new SetRiskSharingRatio(day("2023-01-01"), bp(6000), BANK))
                    .expectException(conflict("effectiveFrom", "id-conflict"))
                    .expectExceptionMessage(containsString("for bank " + BANK));
        }
    }

    @Nested
    class Evaluations {

        private final FactReversed evaluationReversed = new FactReversed(FactKind.EVALUATION, ENT_2 + "@2023-01-10",
                "event-x", "评价有误", null, ENT_2, null, YUBEI, null, day("2023-01-10"), Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO, null);

        private List<Object> reversed() {
            return history(OPENED, evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), evaluationReversed);
        }

        @Test
        void aReversedEvaluationSentAgainStaysReversed() {
            fixture.given(reversed())
                    .when(new RecordEvaluation(ENT_2, enterpriseName(ENT_2), YUBEI, Grade.A, day("2023-01-10")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf(ENT_2 + "@2023-01-10"));
        }

        @Test
        void anotherEvaluationOnTheDateOfAReversedOneIsRecorded() {
            fixture.given(reversed())
                    .when(new RecordEvaluation(ENT_2, enterpriseName(ENT_2), YUBEI, Grade.B, day("2023-01-10")))
                    .expectEvents(evaluated(ENT_2, YUBEI, Grade.B, "2023-01-10"));
            fixture.given(reversed())
                    .when(new RecordEvaluation(ENT_2, enterpriseName(ENT_2), BANAN, Grade.A, day("2023-01-10")))
                    .expectEvents(evaluated(ENT_2, BANAN, Grade.A, "2023-01-10"));
            fixture.given(reversed())
                    .when(new RecordEvaluation(ENT_2, "重庆某科技有限公司", YUBEI, Grade.A, day("2023-01-10")))
                    .expectEvents(new cn.cq.fundledger.credit.api.EnterpriseEvaluated(ENT_2, "重庆某科技有限公司", YUBEI,
                            Grade.A, day("2023-01-10"), day("2024-01-10"), PUBLISHED_LINES.get(Grade.A)));
        }

        @Test
        void anotherNameForTheSameEnterpriseAndDateIsAConflict() {
            fixture.given(OPENED, evaluated(ENT_1, YUBEI, Grade.A, "2023-03-15"))
                    .when(new RecordEvaluation(ENT_1, "另一家公司", YUBEI, Grade.A, day("2023-03-15")))
                    .expectException(conflict("evaluatedOn", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Loans {

        private final LoanIssued l1 = issued("L1", ENT_1, wan(100), "2023-03-01");

        private List<Object> loanIssued() {
            return history(OPENED, bank(BANK), bank(OTHER_BANK), generalRatio("2017-01-01", 8000),
                    evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"),
                    evaluated(ENT_2, BANAN, Grade.A, "2023-01-11"), l1);
        }

        static Stream<IssueLoan> theSameLoanIdWithOneFieldChanged() {
            return Stream.of(
                    new IssueLoan("L1", OTHER_BANK, ENT_1, YUBEI, wan(100), RATE, TERM, day("2023-03-01")),
                    new IssueLoan("L1", BANK, ENT_2, YUBEI, wan(100), RATE, TERM, day("2023-03-01")),
                    new IssueLoan("L1", BANK, ENT_1, BANAN, wan(100), RATE, TERM, day("2023-03-01")),
                    new IssueLoan("L1", BANK, ENT_1, YUBEI, wan(100), bp(400), TERM, day("2023-03-01")),
                    new IssueLoan("L1", BANK, ENT_1, YUBEI, wan(100), RATE, 6, day("2023-03-01")));
        }

        @ParameterizedTest
        @MethodSource("theSameLoanIdWithOneFieldChanged")
        void anotherLoanUnderARecordedLoanIdIsAConflict(IssueLoan other) {
            fixture.given(loanIssued())
                    .when(other)
                    .expectException(conflict("loanId", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Defaults {

        private final LoanIssued l2 = issued("L2", ENT_2, wan(80), "2023-03-01");
        private final FactReversed defaultReversed = reversal(FactKind.DEFAULT, "L2", "逾期已结清", l2, "2023-07-01",
                wan(80), Money.ZERO, Money.ZERO);

        private List<Object> inDefault() {
            return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                    evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), l2,
                    defaulted(l2, "2023-06-01", "2023-07-01", wan(80)));
        }

        @Test
        void anotherOverdueDateForADefaultedLoanIsAConflict() {
            fixture.given(inDefault())
                    .when(new DeclareDefault("L2", day("2023-05-01"), day("2023-07-01")))
                    .expectException(conflict("loanId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void aReversedDefaultSentAgainStaysReversed() {
            fixture.given(history(inDefault(), defaultReversed))
                    .when(new DeclareDefault("L2", day("2023-06-01"), day("2023-07-01")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("L2"));
        }

        @Test
        void aDefaultOnOtherDatesThanTheReversedOneIsRecorded() {
            fixture.given(history(inDefault(), defaultReversed))
                    .when(new DeclareDefault("L2", day("2023-06-15"), day("2023-07-01")))
                    .expectEvents(defaulted(l2, "2023-06-15", "2023-07-01", wan(80)),
                            new cn.cq.fundledger.credit.api.BankWarned(BANK, day("2023-07-01"), bp(10_000), wan(80),
                                    wan(80), bp(500), "L2"),
                            new BankSuspended(BANK, day("2023-07-01"), bp(10_000), wan(80), wan(80), bp(800), "L2"))
                    .expectResultMessagePayload(Recorded.applied("L2"));
            fixture.given(history(inDefault(), defaultReversed))
                    .when(new DeclareDefault("L2", day("2023-06-01"), day("2023-07-20")))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(Recorded.applied("L2"));
        }

        @Test
        void aDefaultSentAgainAfterItAndItsLoanWereReversedStaysReversed() {
            FactReversed loanReversed = reversal(FactKind.LOAN, "L2", "重复录入", l2, "2023-03-01", wan(80),
                    Money.ZERO, Money.ZERO);
            List<Object> bothReversed = history(inDefault(), defaultReversed, loanReversed);
            fixture.given(bothReversed)
                    .when(new DeclareDefault("L2", day("2023-06-01"), day("2023-07-01")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("L2"));
            // another default of the reversed loan is refused: nothing more is recorded on it
            fixture.given(bothReversed)
                    .when(new DeclareDefault("L2", day("2023-06-01"), day("2023-07-20")))
                    .expectException(refused("loanId", "loan-reversed"))
                    .expectNoEvents();
        }

        @Test
        void aBankAlreadySuspendedIsNotSuspendedAgainByALaterDefault() {
            LoanIssued l3 = issued("L3", ENT_3, wan(50), "2023-03-01");
            fixture.given(history(inDefault(), new BankSuspended(BANK, day("2023-07-01"), bp(6154), wan(80),
                            wan(130), bp(800), "L2"), evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"), l3))
                    .when(new DeclareDefault("L3", day("2023-08-01"), day("2023-09-01")))
                    .expectEvents(defaulted(l3, "2023-08-01", "2023-09-01", wan(50)));
        }
    }

    @Nested
    class Claims {

        private final LoanIssued l2 = issued("L2", ENT_2, wan(80), "2023-03-01");
        private final CompensationClaimed claim = claimed("K2", l2, "2023-07-10");

        private List<Object> claimedHistory() {
            return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                    evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), l2,
                    defaulted(l2, "2023-06-01", "2023-07-01", wan(80)), claim);
        }

        @Test
        void theSameClaimOnAnotherDateIsAConflict() {
            fixture.given(claimedHistory())
                    .when(new ClaimCompensation("K2", "L2", day("2023-07-11")))
                    .expectException(conflict("claimId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void aReversedClaimSentAgainStaysReversed() {
            FactReversed claimReversed = new FactReversed(FactKind.CLAIM, "K2", "event-x", "申请有误", "L2", null, BANK,
                    YUBEI, null, day("2023-07-10"), Money.ZERO, Money.ZERO, wan(80), claim.poolShare(), null);
            fixture.given(history(claimedHistory(), claimReversed))
                    .when(new ClaimCompensation("K2", "L2", day("2023-07-10")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("K2"));
        }
    }

    @Nested
    class Fuse {

        private List<Object> withVersion() {
            return history(OPENED, bank(BANK), new FuseThresholdsSet(day("2020-01-01"), bp(1000), bp(2000)));
        }

        @Test
        void aVersionOnAnotherDateIsAVersionOfItsOwn() {
            fixture.given(withVersion())
                    .when(new SetFuseThresholds(day("2021-01-01"), bp(1000), bp(2000)))
                    .expectEvents(new FuseThresholdsSet(day("2021-01-01"), bp(1000), bp(2000)))
                    .expectResultMessagePayload(Recorded.applied("fuse@2021-01-01"));
        }

        @Test
        void theSameVersionAgainIsAnsweredAsADuplicate() {
            fixture.given(withVersion())
                    .when(new SetFuseThresholds(day("2020-01-01"), bp(1000), bp(2000)))
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("fuse@2020-01-01"));
        }

        @Test
        void anotherWarningThresholdOnTheDateOfAVersionIsAConflict() {
            fixture.given(withVersion())
                    .when(new SetFuseThresholds(day("2020-01-01"), bp(900), bp(2000)))
                    .expectException(conflict("effectiveFrom", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void theFuseMayWarnAndSuspendAtTheSameRate() {
            fixture.given(withVersion())
                    .when(new SetFuseThresholds(day("2022-01-01"), bp(1500), bp(1500)))
                    .expectEvents(new FuseThresholdsSet(day("2022-01-01"), bp(1500), bp(1500)));
        }

        @Test
        void aReinstatementIsAnsweredWithTheBankAndItsDate() {
            fixture.given(history(withVersion(), new BankSuspended(BANK, day("2023-09-01"), bp(2500), wan(500),
                            wan(2000), bp(2000), "L1")))
                    .when(new ReinstateBank(BANK, day("2023-11-01"), " 风险处置完毕 "))
                    .expectEvents(new BankReinstated(BANK, day("2023-11-01"), "风险处置完毕"))
                    .expectResultMessagePayload(Recorded.applied(BANK + "@2023-11-01"));
        }
    }
}
