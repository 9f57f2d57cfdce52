package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.RecordRecovery;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.credit.api.RiskSharingRatioSet;
import cn.cq.fundledger.credit.api.SetRiskSharingRatio;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Versions of the government-bank risk-sharing ratio, and which one a loan keeps. */
class CreditProgramRiskSharingTest extends CreditProgramTestSupport {

    @Nested
    class RecordingVersions {

        @Test
        void recordsAVersionForAllBanks() {
            fixture.given(OPENED)
                    .when(new SetRiskSharingRatio(day("2017-01-01"), bp(8000), null))
                    .expectEvents(new RiskSharingRatioSet(day("2017-01-01"), bp(8000), null))
                    .expectResultMessagePayload(Recorded.applied("2017-01-01"));
        }

        @Test
        void recordsAVersionForOneRegisteredBank() {
            fixture.given(OPENED, bank(BANK))
                    .when(new SetRiskSharingRatio(day("2023-01-01"), bp(7000), BANK))
                    .expectEvents(new RiskSharingRatioSet(day("2023-01-01"), bp(7000), BANK))
                    .expectResultMessagePayload(Recorded.applied("2023-01-01@" + BANK));
        }

        @ParameterizedTest(name = "{0} basis points accepted")
        @ValueSource(ints = {0, 1, 9999, 10000})
        void aRatioFromZeroToHundredPercentIsAccepted(int basisPoints) {
            fixture.given(OPENED)
                    .when(new SetRiskSharingRatio(day("2024-01-01"), bp(basisPoints), null))
                    .expectEvents(new RiskSharingRatioSet(day("2024-01-01"), bp(basisPoints), null));
        }

        @ParameterizedTest(name = "{0} basis points refused")
        @ValueSource(ints = {10001, 20000})
        void aRatioAboveHundredPercentIsRefused(int basisPoints) {
            fixture.given(OPENED)
                    .when(new SetRiskSharingRatio(day("2024-01-01"), bp(basisPoints), null))
                    .expectException(invalid("fundSharePct", "ratio-range"))
                    .expectNoEvents();
        }

        @Test
        void aVersionEffectiveBeforeTheProgramStartedIsRefused() {
            fixture.given(OPENED)
                    .when(new SetRiskSharingRatio(day("2016-12-31"), bp(8000), null))
                    .expectException(refused("effectiveFrom", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void aVersionEffectiveOnTheProgramStartIsAccepted() {
            fixture.given(OPENED)
                    .when(new SetRiskSharingRatio(day("2017-01-01"), bp(8000), null))
                    .expectEvents(new RiskSharingRatioSet(day("2017-01-01"), bp(8000), null));
        }

        @Test
        void aVersionForAnUnknownBankIsRefused() {
            fixture.given(OPENED, bank(BANK))
                    .when(new SetRiskSharingRatio(day("2023-01-01"), bp(7000), OTHER_BANK))
                    .expectException(refused("bankId", "unknown-bank"))
                    .expectNoEvents();
        }

        @Test
        void theSameVersionAgainIsADuplicate() {
            fixture.given(OPENED, bank(BANK), bankRatio(BANK, "2023-01-01", 7000))
                    .when(new SetRiskSharingRatio(day("2023-01-01"), bp(7000), BANK))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("2023-01-01@" + BANK));
        }

        @Test
        void anotherRatioFromTheSameDateForTheSameBanksIsAConflict() {
            fixture.given(OPENED, generalRatio("2017-01-01", 8000))
                    .when(new SetRiskSharingRatio(day("2017-01-01"), bp(7000), null))
                    .expectException(conflict("effectiveFrom", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RatioAtLoanIssue {

        private List<Object> twoBanksAndAnEnterprisePerBank() {
            return history(OPENED, bank(BANK), bank(OTHER_BANK),
                    evaluated(ENT_1, YUBEI, Grade.A, "2022-01-05"), evaluated(ENT_1, YUBEI, Grade.A, "2023-01-05"),
                    evaluated(ENT_1, YUBEI, Grade.A, "2024-01-05"), evaluated(ENT_2, YUBEI, Grade.A, "2024-01-05"));
        }

        @Test
        void aBanksOwnVersionBeatsTheGeneralOne() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2017-01-01", 8000),
                            bankRatio(BANK, "2023-01-01", 7000)))
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01"))
                    .expectEvents(issued("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01", Grade.A, bp(7000)));
        }

        @Test
        void anotherBanksOwnVersionDoesNotApply() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2017-01-01", 8000),
                            bankRatio(BANK, "2023-01-01", 7000)))
                    .when(issue("L2", OTHER_BANK, ENT_2, YUBEI, wan(100), "2024-03-01"))
                    .expectEvents(issued("L2", OTHER_BANK, ENT_2, YUBEI, wan(100), "2024-03-01", Grade.A,
                            bp(8000)));
        }

        @Test
        void aBanksOwnVersionNotYetInForceLeavesTheGeneralOne() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2017-01-01", 8000),
                            bankRatio(BANK, "2023-01-01", 7000)))
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2022-12-31"))
                    .expectEvents(issued("L1", BANK, ENT_1, YUBEI, wan(100), "2022-12-31", Grade.A, bp(8000)));
        }

        @Test
        void aBanksOwnVersionStaysInForceAfterALaterGeneralVersion() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2017-01-01", 8000),
                            bankRatio(BANK, "2023-01-01", 7000), generalRatio("2024-01-01", 6000)))
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01"))
                    .expectEvents(issued("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01", Grade.A, bp(7000)));
        }

        @ParameterizedTest(name = "a loan issued on {0} keeps {1} basis points")
        @CsvSource({"2024-06-30, 8000", "2024-07-01, 6000", "2024-12-31, 6000"})
        void aLoanKeepsTheVersionInForceOnItsIssueDate(String issuedOn, int basisPoints) {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2017-01-01", 8000),
                            generalRatio("2024-07-01", 6000)))
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), issuedOn))
                    .expectEvents(issued("L1", BANK, ENT_1, YUBEI, wan(100), issuedOn, Grade.A, bp(basisPoints)));
        }

        @Test
        void aVersionRecordedLaterWithAnEarlierDateAppliesToLoansIssuedAfterIt() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2017-01-01", 8000),
                            issued("L1", ENT_1, wan(100), "2024-03-01"), generalRatio("2024-01-01", 6000)))
                    .when(issue("L2", BANK, ENT_2, YUBEI, wan(100), "2024-03-01"))
                    .expectEvents(issued("L2", BANK, ENT_2, YUBEI, wan(100), "2024-03-01", Grade.A, bp(6000)));
        }

        @Test
        void withoutAnyVersionALoanIsRefused() {
            fixture.given(twoBanksAndAnEnterprisePerBank())
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01"))
                    .expectException(refused("issuedOn", "no-risk-sharing-ratio"))
                    .expectNoEvents();
        }

        @Test
        void withOnlyAVersionEffectiveAfterTheIssueDateALoanIsRefused() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), generalRatio("2024-03-02", 8000)))
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01"))
                    .expectException(refused("issuedOn", "no-risk-sharing-ratio"))
                    .expectNoEvents();
        }

        @Test
        void withOnlyAnotherBanksVersionALoanIsRefused() {
            fixture.given(history(twoBanksAndAnEnterprisePerBank(), bankRatio(OTHER_BANK, "2017-01-01", 8000)))
                    .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2024-03-01"))
                    .expectException(refused("issuedOn", "no-risk-sharing-ratio"))
                    .expectNoEvents();
        }
    }

    /** A version recorded after a loan, effective before its issue date, must not change that loan's ratio. */
    @Nested
    class LoansKeepTheirRecordedRatio {

        private final LoanIssued loan = issued("L1", ENT_1, wan(100), "2024-03-01");

        private List<Object> loanAt80ThenPolicyChangedRetroactively() {
            return history(OPENED, bank(BANK), evaluated(ENT_1, YUBEI, Grade.A, "2024-01-05"),
                    generalRatio("2017-01-01", 8000), loan, generalRatio("2024-01-01", 6000),
                    defaulted(loan, "2024-09-01", "2024-10-01", wan(100)));
        }

        @Test
        void theClaimUsesTheLoansOwnRatio() {
            fixture.given(loanAt80ThenPolicyChangedRetroactively())
                    .when(new ClaimCompensation("C1", "L1", day("2024-11-01")))
                    .expectEvents(new CompensationClaimed("C1", "L1", BANK, YUBEI, day("2024-11-01"), wan(100),
                            bp(8000), wan(80), wan(20)));
        }

        @Test
        void theRecoveryIsSharedInTheLoansOwnRatio() {
            CompensationClaimed claim = claimed("C1", loan, "2024-11-01");
            fixture.given(history(loanAt80ThenPolicyChangedRetroactively(),
                            contributed("P1", YUBEI, wan(100), "2024-01-02"), claim, paid(claim, "2024-11-01", "C1")))
                    .when(new RecordRecovery("V1", "L1", wan(10), day("2024-12-01")))
                    .expectEvents(new RecoveryRecorded("V1", "L1", BANK, YUBEI, wan(10), wan(8), wan(2),
                            day("2024-12-01")));
        }
    }
}
