package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.RecordRecovery;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Money recovered from defaulted borrowers after compensation, and what the pool's share does. */
class CreditProgramRecoveryTest extends CreditProgramTestSupport {

    private static final LoanIssued L1 = issued("L1", ENT_1, wan(100), "2023-03-01");
    private static final LoanIssued L2 = issued("L2", ENT_2, wan(50), "2023-03-01");
    private static final LoanIssued L9 = issued("L9", BANK, ENT_9, BANAN, wan(10), "2023-03-01", Grade.A, EIGHTY);

    /** L1's claim: 80万 from the pool, 20万 borne by the bank; paid at once on 2024-02-01. */
    private static final CompensationClaimed C1 = claimed("C1", L1, "2024-02-01");
    /** L2's claim: 40万 from the pool, claimed 2024-03-01 when the pool holds only 20万: it waits. */
    private static final CompensationClaimed C2 = claimed("C2", L2, "2024-03-01");
    /** L9's claim in Banan: 8万, waiting in an empty pool. */
    private static final CompensationClaimed C9 = claimed("C9", L9, "2024-02-01");

    /**
     * All three loans defaulted on their whole principal; Yubei's pool got 100万 and paid C1 (80万) at once,
     * leaving 20万.
     */
    private static List<Object> l1Compensated(Object... more) {
        return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"),
                evaluated(ENT_9, BANAN, Grade.A, "2023-01-10"), L1, L2, L9,
                defaulted(L1, "2023-12-01", "2024-01-15", wan(100)), defaulted(L2, "2023-12-01", "2024-01-15", wan(50)),
                defaulted(L9, "2023-12-01", "2024-01-15", wan(10)),
                contributed("P1", YUBEI, wan(100), "2024-01-02"), C1, paid(C1, "2024-02-01", "C1"), List.of(more));
    }

    @Nested
    class BeforeCompensation {

        @Test
        void aRecoveryOnALoanWithoutClaimIsRefused() {
            fixture.given(l1Compensated())
                    .when(new RecordRecovery("V1", "L2", wan(10), day("2024-05-01")))
                    .expectException(refused("loanId", "recovery-before-compensation"))
                    .expectNoEvents();
        }

        @Test
        void aRecoveryOnALoanWhoseClaimStillWaitsIsRefused() {
            fixture.given(l1Compensated(C2))
                    .when(new RecordRecovery("V1", "L2", wan(10), day("2024-05-01")))
                    .expectException(refused("loanId", "recovery-before-compensation"))
                    .expectNoEvents();
        }

        @Test
        void aRecoveryDatedBeforeTheCompensationIsRefused() {
            fixture.given(l1Compensated())
                    .when(new RecordRecovery("V1", "L1", wan(10), day("2024-01-31")))
                    .expectException(refused("recoveredOn", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void aRecoveryOnAnUnknownLoanIsRefused() {
            fixture.given(l1Compensated())
                    .when(new RecordRecovery("V1", "L404", wan(10), day("2024-05-01")))
                    .expectException(notFound("loanId", "unknown-loan"))
                    .expectNoEvents();
        }

        @Test
        void aRecoveryOfNothingIsRefused() {
            fixture.given(l1Compensated())
                    .when(new RecordRecovery("V1", "L1", Money.ZERO, day("2024-05-01")))
                    .expectException(invalid("amount", "amount-positive"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Sharing {

        @Test
        void aRecoveryIsSharedInTheLoansRatio() {
            fixture.given(l1Compensated())
                    .when(new RecordRecovery("V1", "L1", wan(10), day("2024-05-01")))
                    .expectEvents(recovered("V1", L1, wan(10), wan(8), "2024-05-01"))
                    .expectResultMessagePayload(Recorded.applied("V1"));
        }

        @Test
        void aRecoveryIsSharedInTheRatioTheLoanWasIssuedWith() {
            LoanIssued loan = issued("L5", BANK, ENT_1, YUBEI, wan(100), "2023-03-01", Grade.A, bp(6000));
            CompensationClaimed claim = claimed("C5", loan, "2024-02-01");
            fixture.given(history(OPENED, bank(BANK), generalRatio("2017-01-01", 6000),
                            evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), loan, generalRatio("2024-01-01", 8000),
                            defaulted(loan, "2023-12-01", "2024-01-15", wan(100)),
                            contributed("P1", YUBEI, wan(100), "2024-01-02"), claim, paid(claim, "2024-02-01", "C5")))
                    .when(new RecordRecovery("V1", "L5", wan(10), day("2024-05-01")))
                    .expectEvents(recovered("V1", loan, wan(10), wan(6), "2024-05-01"));
        }

        @Test
        void thePoolNeverGetsBackMoreThanItPaid() {
            // 150万 recovered (principal and interest): 80% would be 120万, but the pool paid only 80万.
            fixture.given(l1Compensated())
                    .when(new RecordRecovery("V1", "L1", wan(150), day("2024-05-01")))
                    .expectEvents(recovered("V1", L1, wan(150), wan(80), "2024-05-01"));
        }

        @Test
        void thePoolsShareIsCappedByWhatItAlreadyRecovered() {
            // First 50万: pool 40万. Then 60万: 80% is 48万, but only 80 - 40 = 40万 remain; the bank gets 20万.
            fixture.given(l1Compensated(recovered("V1", L1, wan(50), wan(40), "2024-05-01")))
                    .when(new RecordRecovery("V2", "L1", wan(60), day("2024-06-01")))
                    .expectEvents(recovered("V2", L1, wan(60), wan(40), "2024-06-01"));
        }

        @Test
        void onceThePoolIsMadeWholeTheBankGetsEverything() {
            fixture.given(l1Compensated(recovered("V1", L1, wan(50), wan(40), "2024-05-01"),
                            recovered("V2", L1, wan(60), wan(40), "2024-06-01")))
                    .when(new RecordRecovery("V3", "L1", wan(10), day("2024-07-01")))
                    .expectEvents(recovered("V3", L1, wan(10), Money.ZERO, "2024-07-01"));
        }

        @Test
        void theSameRecoveryAgainIsADuplicate() {
            fixture.given(l1Compensated(recovered("V1", L1, wan(10), wan(8), "2024-05-01")))
                    .when(new RecordRecovery("V1", "L1", wan(10), day("2024-05-01")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("V1"));
        }

        @Test
        void anotherAmountUnderTheSameRecoveryIdIsAConflict() {
            fixture.given(l1Compensated(recovered("V1", L1, wan(10), wan(8), "2024-05-01")))
                    .when(new RecordRecovery("V1", "L1", wan(11), day("2024-05-01")))
                    .expectException(conflict("recoveryId", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PoolInflow {

        @Test
        void thePoolsShareOfARecoveryPaysAWaitingClaimOfTheDistrict() {
            // 20万 left + 80% of 25万 = 40万 covers C2.
            fixture.given(l1Compensated(C2))
                    .when(new RecordRecovery("V1", "L1", wan(25), day("2024-05-01")))
                    .expectEvents(recovered("V1", L1, wan(25), wan(20), "2024-05-01"),
                            new CompensationPaid("C2", "L2", BANK, YUBEI, wan(40), day("2024-05-01"), "V1"));
        }

        @Test
        void aShareThatDoesNotCoverTheWaitingClaimLeavesItWaiting() {
            // 20万 left + 80% of 24万 = 39.2万, short of C2's 40万 (the bank's 4.8万 is not the pool's).
            fixture.given(l1Compensated(C2))
                    .when(new RecordRecovery("V1", "L1", wan(24), day("2024-05-01")))
                    .expectEvents(recovered("V1", L1, wan(24), yuan("19.2万"), "2024-05-01"));
        }

        @Test
        void aRecoveryDoesNotPayAnotherDistrictsClaims() {
            fixture.given(l1Compensated(C9))
                    .when(new RecordRecovery("V1", "L1", wan(50), day("2024-05-01")))
                    .expectEvents(recovered("V1", L1, wan(50), wan(40), "2024-05-01"));
        }
    }
}
