package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.RecordGuidedLoan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guided commercial loans: counted by the program, no risk sharing, for evaluated program enterprises. */
class CreditProgramGuidedLoanTest extends CreditProgramTestSupport {

    private List<Object> program() {
        return history(OPENED, bank(BANK), evaluated(ENT_1, YUBEI, Grade.C, "2023-01-10"));
    }

    private RecordGuidedLoan guided(String bankId, String enterpriseId, String district, String issuedOn) {
        return new RecordGuidedLoan("G1", bankId, enterpriseId, district, wan(465), day(issuedOn));
    }

    @Test
    void aGuidedLoanIsRecordedWithoutRiskSharing() {
        fixture.given(program())
                .when(guided(BANK, ENT_1, YUBEI, "2023-06-07"))
                .expectEvents(new GuidedLoanRecorded("G1", BANK, ENT_1, YUBEI, wan(465), day("2023-06-07")))
                .expectResultMessagePayload(Recorded.applied("G1"));
    }

    @Test
    void itIsNotLimitedByTheGradesCreditLineNorBlockedByTheFuse() {
        // 465万 is above grade C's 300万 line; the bank is suspended for knowledge-value loans
        fixture.given(history(program(), new BankSuspended(BANK, day("2023-05-01"), bp(900), wan(9), wan(100),
                        bp(800), "L0")))
                .when(guided(BANK, ENT_1, YUBEI, "2023-06-07"))
                .expectEvents(new GuidedLoanRecorded("G1", BANK, ENT_1, YUBEI, wan(465), day("2023-06-07")));
    }

    @Test
    void theBankMustBeRegistered() {
        fixture.given(program())
                .when(guided("nope", ENT_1, YUBEI, "2023-06-07"))
                .expectException(refused("bankId", "unknown-bank"))
                .expectNoEvents();
    }

    @Test
    void theEnterpriseMustHaveBeenEvaluatedByThen() {
        fixture.given(program())
                .when(guided(BANK, ENT_1, YUBEI, "2023-01-09"))
                .expectException(refused("enterpriseId", "unknown-enterprise"))
                .expectNoEvents();
        fixture.given(program())
                .when(guided(BANK, ENT_2, YUBEI, "2023-06-07"))
                .expectException(refused("enterpriseId", "unknown-enterprise"))
                .expectNoEvents();
    }

    @Test
    void theDistrictMustBeTheEnterprises() {
        fixture.given(program())
                .when(guided(BANK, ENT_1, BANAN, "2023-06-07"))
                .expectException(refused("district", "district-mismatch"))
                .expectNoEvents();
    }

    @Test
    void sentAgainItIsADuplicateAndWithOtherContentAConflict() {
        List<Object> recorded = history(program(),
                new GuidedLoanRecorded("G1", BANK, ENT_1, YUBEI, wan(465), day("2023-06-07")));
        fixture.given(recorded)
                .when(guided(BANK, ENT_1, YUBEI, "2023-06-07"))
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("G1"));
        fixture.given(recorded)
                .when(new RecordGuidedLoan("G1", BANK, ENT_1, YUBEI, wan(466), day("2023-06-07")))
                .expectException(conflict("loanId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void thePrincipalMustBePositive() {
        fixture.given(program())
                .when(new RecordGuidedLoan("G1", BANK, ENT_1, YUBEI, wan(0), day("2023-06-07")))
                .expectException(invalid("principal", "amount-positive"))
                .expectNoEvents();
    }
}
