package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.EstablishSeedFund;
import cn.cq.fundledger.seedfund.api.RaiseSeedCommitment;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening the program, establishing local seed funds and raising their commitments. */
class SeedProgramFundTest extends SeedProgramTestSupport {

    private static EstablishSeedFund establish(String fundId, Integer cityShareBp, String committed,
                                               String establishedOn) {
        return new EstablishSeedFund(fundId, "高新区种子基金", "高新区", cityShareBp == null ? null : bp(cityShareBp),
                yuan(committed), day(establishedOn));
    }

    @Nested
    class Opening {

        @Test
        void theFirstCommandOpensTheProgramWithThePublishedPolicies() {
            fixture.givenNoPriorActivity()
                    .when(establish(GAOXIN, 4000, "5000万", "2016-01-15"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(OPENED, new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2016-01-15")))
                    .expectResultMessagePayload(Recorded.applied(GAOXIN));
        }

        @Test
        void anOpenedProgramIsNotOpenedAgain() {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, 4000, "5000万", "2016-01-15"))
                    .expectEvents(new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2016-01-15")));
        }
    }

    @Nested
    class Establishing {

        @Test
        void aFundWithoutACityShareTakesTheDefaultFortyPercent() {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, null, "5000万", "2016-01-15"))
                    .expectEvents(new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2016-01-15")));
        }

        @Test
        void aFundRecordsItsOwnCityShare() {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, 3000, "1000万", "2016-01-15"))
                    .expectEvents(new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", bp(3000), wan(1000),
                            day("2016-01-15")));
        }

        @ParameterizedTest(name = "{0} basis points refused")
        @ValueSource(ints = {10001, 15000})
        void aCityShareAboveHundredPercentIsRefused(int basisPoints) {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, basisPoints, "5000万", "2016-01-15"))
                    .expectException(invalid("citySharePct", "ratio-range"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "committed {0} refused")
        @ValueSource(strings = {"0", "-1"})
        void aFundNeedsCommittedCapital(String committed) {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, 4000, committed, "2016-01-15"))
                    .expectException(invalid("committed", "amount-positive"))
                    .expectNoEvents();
        }

        @Test
        void aFundNeedsAPartner() {
            fixture.given(OPENED)
                    .when(new EstablishSeedFund(GAOXIN, "高新区种子基金", " ", FORTY, wan(5000), day("2016-01-15")))
                    .expectException(invalid("partner", "required"))
                    .expectNoEvents();
        }

        @Test
        void aFundEstablishedBeforeTheProgramIsRefused() {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, 4000, "5000万", "2014-12-31"))
                    .expectException(refused("establishedOn", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void aFundEstablishedOnTheProgramStartIsAccepted() {
            fixture.given(OPENED)
                    .when(establish(GAOXIN, 4000, "5000万", "2015-01-01"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2015-01-01")));
        }

        @Test
        void theSameFundAgainIsADuplicateAndRecordsNothing() {
            fixture.given(OPENED, new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2016-01-15")))
                    .when(establish(GAOXIN, null, "5000万", "2016-01-15"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf(GAOXIN));
        }

        @Test
        void theSameIdWithAnotherCommitmentIsAConflict() {
            fixture.given(OPENED, new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2016-01-15")))
                    .when(establish(GAOXIN, 4000, "6000万", "2016-01-15"))
                    .expectException(conflict("fundId", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RaisingTheCommitment {

        @Test
        void aRaiseIsRecordedWithItsDate() {
            fixture.given(OPENED, fund(GAOXIN, wan(5000)))
                    .when(new RaiseSeedCommitment("R1", GAOXIN, wan(1000), day("2020-01-01")))
                    .expectEvents(new SeedCommitmentRaised("R1", GAOXIN, wan(1000), day("2020-01-01")))
                    .expectResultMessagePayload(Recorded.applied("R1"));
        }

        @Test
        void aRaiseOfAnUnknownFundIsRefused() {
            fixture.given(OPENED, fund(GAOXIN, wan(5000)))
                    .when(new RaiseSeedCommitment("R1", BANAN, wan(1000), day("2020-01-01")))
                    .expectException(refused("fundId", "unknown-fund"))
                    .expectNoEvents();
        }

        @Test
        void aRaiseBeforeTheFundWasEstablishedIsRefused() {
            fixture.given(OPENED, fund(GAOXIN, wan(5000)))
                    .when(new RaiseSeedCommitment("R1", GAOXIN, wan(1000), day("2016-01-14")))
                    .expectException(refused("raisedOn", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void aRaiseOfNothingIsRefused() {
            fixture.given(OPENED, fund(GAOXIN, wan(5000)))
                    .when(new RaiseSeedCommitment("R1", GAOXIN, wan(0), day("2020-01-01")))
                    .expectException(invalid("increase", "amount-positive"))
                    .expectNoEvents();
        }

        @Test
        void theSameRaiseAgainIsADuplicate() {
            fixture.given(OPENED, fund(GAOXIN, wan(5000)),
                            new SeedCommitmentRaised("R1", GAOXIN, wan(1000), day("2020-01-01")))
                    .when(new RaiseSeedCommitment("R1", GAOXIN, wan(1000), day("2020-01-01")))
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("R1"));
        }

        @Test
        void theSameRaiseIdWithAnotherAmountIsAConflict() {
            fixture.given(OPENED, fund(GAOXIN, wan(5000)),
                            new SeedCommitmentRaised("R1", GAOXIN, wan(1000), day("2020-01-01")))
                    .when(new RaiseSeedCommitment("R1", GAOXIN, wan(2000), day("2020-01-01")))
                    .expectException(conflict("raiseId", "id-conflict"))
                    .expectNoEvents();
        }
    }
}
