package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.ContributeToPool;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.PoolSource;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compensation claims on defaulted loans and how the district pools pay them. */
class CreditProgramCompensationTest extends CreditProgramTestSupport {

    // Yubei loans with their pool shares at 80%: L1 100万 -> 80万, L2 50万 -> 40万, L3 25万 -> 20万.
    // L9 in Banan: 10万 -> 8万.
    private static final LoanIssued L1 = issued("L1", ENT_1, wan(100), "2023-03-01");
    private static final LoanIssued L2 = issued("L2", ENT_2, wan(50), "2023-03-01");
    private static final LoanIssued L3 = issued("L3", ENT_3, wan(25), "2023-03-01");
    private static final LoanIssued L9 = issued("L9", BANK, ENT_9, BANAN, wan(10), "2023-03-01", Grade.A, EIGHTY);

    private static final CompensationClaimed C1 = claimed("C1", L1, "2024-02-01");
    private static final CompensationClaimed C2 = claimed("C2", L2, "2024-02-02");
    private static final CompensationClaimed C3 = claimed("C3", L3, "2024-02-03");
    private static final CompensationClaimed C9 = claimed("C9", L9, "2024-02-01");

    private static List<Object> loansIssued(Object... more) {
        return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"),
                evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_9, BANAN, Grade.A, "2023-01-10"),
                L1, L2, L3, L9, List.of(more));
    }

    /** Every loan defaulted on its whole principal, declared on 2024-01-15; no claim yet, pools empty. */
    private static List<Object> loansDefaulted(Object... more) {
        return history(loansIssued(), defaulted(L1, "2023-12-01", "2024-01-15", wan(100)),
                defaulted(L2, "2023-12-01", "2024-01-15", wan(50)),
                defaulted(L3, "2023-12-01", "2024-01-15", wan(25)),
                defaulted(L9, "2023-12-01", "2024-01-15", wan(10)), List.of(more));
    }

    private static ContributeToPool contribute(String id, String district, Money amount, String on) {
        return new ContributeToPool(id, district, PoolSource.CITY, amount, day(on));
    }

    @Nested
    class Claiming {

        @Test
        void aLoanNotInDefaultCannotBeClaimed() {
            fixture.given(loansIssued())
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectException(refused("loanId", "loan-not-in-default"))
                    .expectNoEvents();
        }

        @Test
        void aClosedLoanCannotBeClaimed() {
            fixture.given(loansIssued(repaid(L1, "R1", wan(100), wan(3), "2024-01-01", Money.ZERO),
                            closed("L1", "2024-01-01")))
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectException(refused("loanId", "loan-not-in-default"))
                    .expectNoEvents();
        }

        @Test
        void theClaimSplitsTheUnrecoveredPrincipalInTheLoansRatio() {
            fixture.given(loansDefaulted())
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectEvents(new CompensationClaimed("C1", "L1", BANK, YUBEI, day("2024-02-01"), wan(100),
                            EIGHTY, wan(80), wan(20)))
                    .expectResultMessagePayload(Recorded.applied("C1"));
        }

        /** 75% of an amount ending in .02 or .06 yuan falls on half a fen: half-even, the bank takes the rest. */
        @ParameterizedTest(name = "75% of {0} fen: pool {1}, bank {2}")
        @CsvSource({"100000002, 75000002, 25000000", "100000006, 75000004, 25000002",
                "100000001, 75000001, 25000000", "100000003, 75000002, 25000001"})
        void theFundShareIsRoundedHalfEvenAndTheBankTakesTheRemainder(long unrecoveredFen, long poolFen,
                                                                     long bankFen) {
            Money unrecovered = Money.ofFen(unrecoveredFen);
            LoanIssued loan = issued("L5", BANK, ENT_1, YUBEI, unrecovered, "2023-03-01", Grade.A, bp(7500));
            fixture.given(history(OPENED, bank(BANK), generalRatio("2017-01-01", 7500),
                            evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), loan,
                            defaulted(loan, "2023-12-01", "2024-01-15", unrecovered)))
                    .when(new ClaimCompensation("C5", "L5", day("2024-02-01")))
                    .expectEvents(new CompensationClaimed("C5", "L5", BANK, YUBEI, day("2024-02-01"), unrecovered,
                            bp(7500), Money.ofFen(poolFen), Money.ofFen(bankFen)));
        }

        @Test
        void theClaimIsOnThePrincipalLeftAtDefault() {
            LoanIssued loan = issued("L5", ENT_1, wan(100), "2023-03-01");
            fixture.given(history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                            evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), loan,
                            repaid(loan, "R1", wan(40), wan(2), "2023-09-01", wan(60)),
                            defaulted(loan, "2023-12-01", "2024-01-15", wan(60))))
                    .when(new ClaimCompensation("C5", "L5", day("2024-02-01")))
                    .expectEvents(new CompensationClaimed("C5", "L5", BANK, YUBEI, day("2024-02-01"), wan(60),
                            EIGHTY, wan(48), wan(12)));
        }

        @Test
        void aClaimBeforeTheDefaultWasDeclaredIsRefused() {
            fixture.given(loansDefaulted())
                    .when(new ClaimCompensation("C1", "L1", day("2024-01-14")))
                    .expectException(refused("claimedOn", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void aSecondClaimOnTheSameLoanIsRefused() {
            fixture.given(loansDefaulted(C1))
                    .when(new ClaimCompensation("C1-bis", "L1", day("2024-03-01")))
                    .expectException(conflict("loanId", "loan-already-claimed"))
                    .expectNoEvents();
        }

        @Test
        void aSecondClaimOnAPaidLoanIsRefused() {
            fixture.given(loansDefaulted(contributed("P1", YUBEI, wan(100), "2024-01-02"), C1,
                            paid(C1, "2024-02-01", "C1")))
                    .when(new ClaimCompensation("C1-bis", "L1", day("2024-03-01")))
                    .expectException(conflict("loanId", "loan-already-claimed"))
                    .expectNoEvents();
        }

        @Test
        void theSameClaimAgainIsADuplicate() {
            fixture.given(loansDefaulted(C1))
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("C1"));
        }

        @Test
        void theSameClaimIdForAnotherLoanIsAConflict() {
            fixture.given(loansDefaulted(C1))
                    .when(new ClaimCompensation("C1", "L2", day("2024-02-01")))
                    .expectException(conflict("claimId", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PayingAtOnce {

        @Test
        void aClaimThePoolCoversIsPaidOnItsOwnDate() {
            fixture.given(loansDefaulted(contributed("P1", YUBEI, wan(100), "2024-01-02")))
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectEvents(C1, new CompensationPaid("C1", "L1", BANK, YUBEI, wan(80), day("2024-02-01"), "C1"));
        }

        @Test
        void aBalanceOfExactlyTheClaimPaysIt() {
            fixture.given(loansDefaulted(contributed("P1", YUBEI, wan(80), "2024-01-02")))
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectEvents(C1, new CompensationPaid("C1", "L1", BANK, YUBEI, wan(80), day("2024-02-01"), "C1"));
        }

        @Test
        void aBalanceOneFenShortLeavesTheClaimWaiting() {
            fixture.given(loansDefaulted(contributed("P1", YUBEI, wan(80).minus(Money.ofFen(1)), "2024-01-02")))
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectEvents(C1);
        }

        @Test
        void anEmptyPoolLeavesTheClaimWaiting() {
            fixture.given(loansDefaulted())
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectEvents(C1);
        }

        @Test
        void anotherDistrictsMoneyDoesNotPay() {
            fixture.given(loansDefaulted(contributed("P1", BANAN, wan(500), "2024-01-02")))
                    .when(new ClaimCompensation("C1", "L1", day("2024-02-01")))
                    .expectEvents(C1);
        }

        @Test
        void whatWasPaidOutIsNoLongerInThePool() {
            // 100万 in; C1 took 80万; 20万 left is short of C2's 40万.
            fixture.given(loansDefaulted(contributed("P1", YUBEI, wan(100), "2024-01-02"), C1,
                            paid(C1, "2024-02-01", "C1")))
                    .when(new ClaimCompensation("C2", "L2", day("2024-02-02")))
                    .expectEvents(C2);
        }

        @Test
        void aClaimWaitsBehindAnOlderWaitingClaimEvenIfThePoolCoversIt() {
            // 50万 in the pool: C1 (80万) waits; C2 (40万) would fit but must queue behind C1.
            fixture.given(loansDefaulted(contributed("P1", YUBEI, wan(50), "2024-01-02"), C1))
                    .when(new ClaimCompensation("C2", "L2", day("2024-02-02")))
                    .expectEvents(C2);
        }
    }

    @Nested
    class PayingWaitingClaims {

        @Test
        void aContributionPaysAWaitingClaimOnItsOwnDate() {
            fixture.given(loansDefaulted(C1))
                    .when(contribute("P2", YUBEI, wan(80), "2024-04-01"))
                    .expectEvents(new PoolContributionReceived("P2", YUBEI, PoolSource.CITY, wan(80), day("2024-04-01")),
                            new CompensationPaid("C1", "L1", BANK, YUBEI, wan(80), day("2024-04-01"), "P2"))
                    .expectResultMessagePayload(Recorded.applied("P2"));
        }

        @Test
        void contributionsAddUpUntilTheyCoverTheClaim() {
            fixture.given(loansDefaulted(C1, contributed("P1", YUBEI, wan(50), "2024-03-01")))
                    .when(contribute("P2", YUBEI, wan(30), "2024-04-01"))
                    .expectEvents(new PoolContributionReceived("P2", YUBEI, PoolSource.CITY, wan(30), day("2024-04-01")),
                            new CompensationPaid("C1", "L1", BANK, YUBEI, wan(80), day("2024-04-01"), "P2"));
        }

        @Test
        void aYoungerSmallerClaimIsNotPaidBeforeAnOlderBiggerOne() {
            // C1 80万 waits, then C2 40万 waits; 50万 would pay C2 but C1 is older.
            fixture.given(loansDefaulted(C1, C2))
                    .when(contribute("P2", YUBEI, wan(50), "2024-04-01"))
                    .expectEvents(new PoolContributionReceived("P2", YUBEI, PoolSource.CITY, wan(50), day("2024-04-01")));
        }

        @Test
        void aContributionPaysWaitingClaimsOldestFirstWhileItCoversTheOldest() {
            // 130万: C1 80万 and C2 40万 are paid, 10万 left is short of C3's 20万.
            fixture.given(loansDefaulted(C1, C2, C3))
                    .when(contribute("P2", YUBEI, wan(130), "2024-04-01"))
                    .expectEvents(new PoolContributionReceived("P2", YUBEI, PoolSource.CITY, wan(130), day("2024-04-01")),
                            new CompensationPaid("C1", "L1", BANK, YUBEI, wan(80), day("2024-04-01"), "P2"),
                            new CompensationPaid("C2", "L2", BANK, YUBEI, wan(40), day("2024-04-01"), "P2"));
        }

        @Test
        void theNextContributionPaysTheClaimLeftWaiting() {
            fixture.given(loansDefaulted(C1, C2, C3, contributed("P2", YUBEI, wan(130), "2024-04-01"),
                            paid(C1, "2024-04-01", "P2"), paid(C2, "2024-04-01", "P2")))
                    .when(contribute("P3", YUBEI, wan(10), "2024-05-01"))
                    .expectEvents(new PoolContributionReceived("P3", YUBEI, PoolSource.CITY, wan(10), day("2024-05-01")),
                            new CompensationPaid("C3", "L3", BANK, YUBEI, wan(20), day("2024-05-01"), "P3"));
        }

        @Test
        void aContributionToAnotherDistrictPaysNoClaimHere() {
            fixture.given(loansDefaulted(C1))
                    .when(contribute("P2", BANAN, wan(500), "2024-04-01"))
                    .expectEvents(new PoolContributionReceived("P2", BANAN, PoolSource.CITY, wan(500), day("2024-04-01")));
        }

        @Test
        void eachDistrictPaysItsOwnClaims() {
            fixture.given(loansDefaulted(C1, C9))
                    .when(contribute("P2", BANAN, wan(8), "2024-04-01"))
                    .expectEvents(new PoolContributionReceived("P2", BANAN, PoolSource.CITY, wan(8), day("2024-04-01")),
                            new CompensationPaid("C9", "L9", BANK, BANAN, wan(8), day("2024-04-01"), "P2"));
        }

        @Test
        void theSameContributionAgainIsADuplicateAndPaysNothingTwice() {
            fixture.given(loansDefaulted(C1, contributed("P2", YUBEI, wan(50), "2024-04-01")))
                    .when(contribute("P2", YUBEI, wan(50), "2024-04-01"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("P2"));
        }

        @Test
        void anotherAmountUnderTheSameContributionIdIsAConflict() {
            fixture.given(loansDefaulted(contributed("P2", YUBEI, wan(50), "2024-04-01")))
                    .when(contribute("P2", YUBEI, wan(80), "2024-04-01"))
                    .expectException(conflict("contributionId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void aContributionOfNothingIsRefused() {
            fixture.given(loansDefaulted(C1))
                    .when(contribute("P2", YUBEI, Money.ZERO, "2024-04-01"))
                    .expectException(invalid("amount", "amount-positive"))
                    .expectNoEvents();
        }
    }
}
