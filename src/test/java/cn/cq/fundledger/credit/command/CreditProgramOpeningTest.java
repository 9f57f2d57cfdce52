package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.ContributeToPool;
import cn.cq.fundledger.credit.api.FuseThresholdsSet;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecordEvaluation;
import cn.cq.fundledger.credit.api.RecordGuidedLoan;
import cn.cq.fundledger.credit.api.RegisterBank;
import cn.cq.fundledger.credit.api.SetFuseThresholds;
import cn.cq.fundledger.credit.api.SetRiskSharingRatio;
import org.junit.jupiter.api.Test;

/**
 * Whatever fact an empty ledger records first, it first opens the program with the standing policies (the
 * published ones here), and judges the fact under them: a grade's line and validity, the program's start.
 */
class CreditProgramOpeningTest extends CreditProgramTestSupport {

    @Test
    void aBankRegisteredFirstOpensTheProgram() {
        fixture.givenNoPriorActivity()
                .when(new RegisterBank(OTHER_BANK, bankName(OTHER_BANK)))
                .expectEvents(OPENED, new BankRegistered(OTHER_BANK, bankName(OTHER_BANK)))
                .expectResultMessagePayload(Recorded.applied(OTHER_BANK));
    }

    @Test
    void anEvaluationRecordedFirstGetsThePublishedLineAndValidity() {
        fixture.givenNoPriorActivity()
                .when(new RecordEvaluation(ENT_1, enterpriseName(ENT_1), YUBEI, Grade.C, day("2023-01-10")))
                .expectEvents(OPENED, evaluated(ENT_1, YUBEI, Grade.C, "2023-01-10"))
                .expectResultMessagePayload(Recorded.applied(ENT_1 + "@2023-01-10"));
    }

    @Test
    void aRatioRecordedFirstOpensTheProgram() {
        fixture.givenNoPriorActivity()
                .when(new SetRiskSharingRatio(day("2017-01-01"), EIGHTY, null))
                .expectEvents(OPENED, generalRatio("2017-01-01", 8000))
                .expectResultMessagePayload(Recorded.applied("2017-01-01"));
    }

    @Test
    void aContributionRecordedFirstOpensTheProgram() {
        fixture.givenNoPriorActivity()
                .when(new ContributeToPool("C1", YUBEI, PoolSource.CITY, wan(50), day("2017-01-01")))
                .expectEvents(OPENED, contributed("C1", YUBEI, wan(50), "2017-01-01"))
                .expectResultMessagePayload(Recorded.applied("C1"));
    }

    @Test
    void fuseThresholdsRecordedFirstOpenTheProgram() {
        fixture.givenNoPriorActivity()
                .when(new SetFuseThresholds(day("2024-01-01"), bp(400), bp(700)))
                .expectEvents(OPENED, new FuseThresholdsSet(day("2024-01-01"), bp(400), bp(700)))
                .expectResultMessagePayload(Recorded.applied("fuse@2024-01-01"));
    }

    @Test
    void aGuidedLoanSentToAnEmptyLedgerIsRefusedForItsUnknownBank() {
        fixture.givenNoPriorActivity()
                .when(new RecordGuidedLoan("G1", BANK, ENT_1, YUBEI, wan(100), day("2023-05-01")))
                .expectException(refused("bankId", "unknown-bank"))
                .expectNoEvents();
    }

    @Test
    void aLoanSentToAnEmptyLedgerIsRefusedForItsUnknownBankNotItsTerm() {
        fixture.givenNoPriorActivity()
                .when(issue("L1", BANK, ENT_1, YUBEI, wan(100), "2023-05-01"))
                .expectException(refused("bankId", "unknown-bank"))
                .expectNoEvents();
    }
}
