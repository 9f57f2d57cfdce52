package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Investments: what they record, the per-project cap (and its change on 2024-10-27), the fund's commitment. */
class SeedProgramInvestmentTest extends SeedProgramTestSupport {

    /** Two funds of 5000万 each, established 2016-01-15. */
    private static List<Object> twoFunds(Object... more) {
        return history(OPENED, fund(GAOXIN, wan(5000)), fund(BANAN, wan(5000)), List.of(more));
    }

    @Test
    void anEquityStakeRecordsItsPercentageAndTheCapInForce() {
        MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(28), 500, "2017-01-10");
        fixture.given(twoFunds())
                .when(command)
                .expectEvents(new SeedInvestmentMade("I1", GAOXIN, P1, enterprise(P1), Instrument.EQUITY, wan(28),
                        bp(500), day("2017-01-10"), wan(80)))
                .expectResultMessagePayload(Recorded.applied("I1"));
    }

    @Test
    void aLoanRecordsNoStake() {
        fixture.given(twoFunds())
                .when(loan("I1", GAOXIN, P1, wan(58), "2016-03-05"))
                .expectEvents(new SeedInvestmentMade("I1", GAOXIN, P1, enterprise(P1), Instrument.LOAN, wan(58), null,
                        day("2016-03-05"), wan(80)));
    }

    @Test
    void aProjectMayReceiveALoanAndAStakeFromTheSameFund() {
        SeedInvestmentMade first = made(loan("I1", GAOXIN, P1, wan(58), "2024-03-06"));
        MakeSeedInvestment second = equity("I2", GAOXIN, P1, wan(22), 500, "2024-07-22");
        fixture.given(twoFunds(first))
                .when(second)
                .expectEvents(made(second));
    }

    @Test
    void anInvestmentOfAnUnknownFundIsRefused() {
        fixture.given(twoFunds())
                .when(equity("I1", "SF-XX", P1, wan(28), 500, "2017-01-10"))
                .expectException(refused("fundId", "unknown-fund"))
                .expectNoEvents();
    }

    @Test
    void anInvestmentBeforeItsFundWasEstablishedIsRefused() {
        fixture.given(twoFunds())
                .when(equity("I1", GAOXIN, P1, wan(28), 500, "2016-01-14"))
                .expectException(refused("investedOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void anInvestmentOnTheDayTheFundWasEstablishedIsAccepted() {
        MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(28), 500, "2016-01-15");
        fixture.given(twoFunds())
                .when(command)
                .expectEvents(made(command));
    }

    @Test
    void anInvestmentOfNothingIsRefused() {
        fixture.given(twoFunds())
                .when(equity("I1", GAOXIN, P1, wan(0), 500, "2017-01-10"))
                .expectException(invalid("amount", "amount-positive"))
                .expectNoEvents();
    }

    @Test
    void anInvestmentNeedsAProject() {
        fixture.given(twoFunds())
                .when(equity("I1", GAOXIN, "", wan(10), 500, "2017-01-10"))
                .expectException(invalid("projectId", "required"))
                .expectNoEvents();
    }

    @Nested
    class EquityStake {

        @ParameterizedTest(name = "{0} basis points accepted")
        @ValueSource(ints = {1, 500, 9999, 10000})
        void aStakeAboveZeroUpToHundredPercentIsAccepted(int basisPoints) {
            MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(28), basisPoints, "2017-01-10");
            fixture.given(twoFunds())
                    .when(command)
                    .expectEvents(made(command));
        }

        @ParameterizedTest(name = "{0} basis points refused")
        @ValueSource(ints = {0, 10001, 20000})
        void aStakeOfZeroOrAboveHundredPercentIsRefused(int basisPoints) {
            fixture.given(twoFunds())
                    .when(equity("I1", GAOXIN, P1, wan(28), basisPoints, "2017-01-10"))
                    .expectException(invalid("equityPct", "ratio-range"))
                    .expectNoEvents();
        }

        @Test
        void anEquityInvestmentNeedsItsStake() {
            fixture.given(twoFunds())
                    .when(new MakeSeedInvestment("I1", GAOXIN, P1, enterprise(P1), Instrument.EQUITY, wan(28), null,
                            day("2017-01-10")))
                    .expectException(invalid("equityPct", "required"))
                    .expectNoEvents();
        }

        @Test
        void aLoanWithAStakeIsRefused() {
            fixture.given(twoFunds())
                    .when(new MakeSeedInvestment("I1", GAOXIN, P1, enterprise(P1), Instrument.LOAN, wan(28), bp(500),
                            day("2017-01-10")))
                    .expectException(invalid("equityPct", "stake-on-loan"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ProjectCap {

        @Test
        void exactlyEightyWanIsAllowed() {
            MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(80), 500, "2020-05-01");
            fixture.given(twoFunds())
                    .when(command)
                    .expectEvents(made(command));
        }

        @Test
        void oneFenOverEightyWanIsRefused() {
            fixture.given(twoFunds())
                    .when(equity("I1", GAOXIN, P1, yuan("800000.01"), 500, "2020-05-01"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void theCapAddsUpInstrumentsAndFunds() {
            SeedInvestmentMade loan = made(loan("I1", GAOXIN, P1, wan(50), "2019-01-01"));
            SeedInvestmentMade stake = made(equity("I2", BANAN, P1, wan(20), 500, "2019-06-01"));
            fixture.given(twoFunds(loan, stake))
                    .when(equity("I3", GAOXIN, P1, yuan("100000.01"), 500, "2020-01-01"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void theCapAddsUpToExactlyEightyWanAcrossInstrumentsAndFunds() {
            SeedInvestmentMade loan = made(loan("I1", GAOXIN, P1, wan(50), "2019-01-01"));
            SeedInvestmentMade stake = made(equity("I2", BANAN, P1, wan(20), 500, "2019-06-01"));
            MakeSeedInvestment last = equity("I3", GAOXIN, P1, wan(10), 500, "2020-01-01");
            fixture.given(twoFunds(loan, stake))
                    .when(last)
                    .expectEvents(made(last));
        }

        @Test
        void anotherProjectHasItsOwnCap() {
            SeedInvestmentMade full = made(equity("I1", GAOXIN, P1, wan(80), 500, "2019-01-01"));
            MakeSeedInvestment other = equity("I2", GAOXIN, P2, wan(80), 500, "2019-01-01");
            fixture.given(twoFunds(full))
                    .when(other)
                    .expectEvents(made(other));
        }

        @Test
        void onTwentyFourOctoberTwentySixTheCapIsStillEightyWan() {
            fixture.given(twoFunds())
                    .when(equity("I1", GAOXIN, P1, wan(81), 500, "2024-10-26"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void fromTwentyFourOctoberTwentySevenTheCapIsTwoHundredWan() {
            MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(200), 500, "2024-10-27");
            fixture.given(twoFunds())
                    .when(command)
                    .expectEvents(made(command, wan(200)));
        }

        @Test
        void oneFenOverTwoHundredWanIsRefusedUnderTheNewRules() {
            fixture.given(twoFunds())
                    .when(equity("I1", GAOXIN, P1, yuan("2000000.01"), 500, "2024-10-27"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void seedMoneyReceivedUnderTheOldCapCountsAgainstTheNewOne() {
            SeedInvestmentMade old = made(equity("I1", GAOXIN, P1, wan(80), 500, "2023-01-01"));
            MakeSeedInvestment topUp = loan("I2", GAOXIN, P1, wan(120), "2024-11-01");
            fixture.given(twoFunds(old))
                    .when(topUp)
                    .expectEvents(made(topUp, wan(200)));
        }

        @Test
        void theNewCapStillAddsUpEverythingTheProjectReceived() {
            SeedInvestmentMade old = made(equity("I1", GAOXIN, P1, wan(80), 500, "2023-01-01"));
            fixture.given(twoFunds(old))
                    .when(loan("I2", GAOXIN, P1, yuan("1200000.01"), "2024-11-01"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void anInvestmentDatedBeforeTheChangeIsHeldToTheOldCapEvenIfRecordedLater() {
            SeedInvestmentMade newRules = made(equity("I1", GAOXIN, P1, wan(150), 500, "2024-12-01"), wan(200));
            fixture.given(twoFunds(newRules))
                    .when(loan("I2", GAOXIN, P1, wan(10), "2024-06-01"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(made(loan("I2", GAOXIN, P1, wan(10), "2024-06-01")));
            fixture.given(twoFunds(newRules))
                    .when(loan("I2", GAOXIN, P1, wan(81), "2024-06-01"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void anEarlierDatedInvestmentMayNotPushALaterOneOverItsCap() {
            // I1 of 2024-06-01 took 70万 under the 80万 cap; 20万 dated before it would make 90万 by 2024-06-01
            SeedInvestmentMade later = made(equity("I1", GAOXIN, P1, wan(70), 500, "2024-06-01"));
            fixture.given(twoFunds(later))
                    .when(loan("I2", BANAN, P1, wan(20), "2024-01-01"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void aCapVersionRecordedByAnAdministratorAppliesFromItsDate() {
            ProjectCapSet hundred = new ProjectCapSet(day("2025-01-01"), wan(100));
            fixture.given(twoFunds(hundred))
                    .when(equity("I1", GAOXIN, P1, wan(101), 500, "2025-01-01"))
                    .expectException(refused("amount", "project-cap-exceeded"))
                    .expectNoEvents();
            MakeSeedInvestment before = equity("I1", GAOXIN, P1, wan(150), 500, "2024-12-31");
            fixture.given(twoFunds(hundred))
                    .when(before)
                    .expectEvents(made(before, wan(200)));
        }
    }

    @Nested
    class Commitment {

        /** A fund of 100万 with 90万 invested in two projects. */
        private List<Object> smallFund(Object... more) {
            return history(OPENED, fund(GAOXIN, wan(100)),
                    made(equity("I1", GAOXIN, P1, wan(50), 500, "2018-01-01")),
                    made(equity("I2", GAOXIN, P2, wan(40), 500, "2018-06-01")), List.of(more));
        }

        @Test
        void aFundMayInvestUpToExactlyItsCommitment() {
            MakeSeedInvestment last = loan("I3", GAOXIN, "P3", wan(10), "2019-01-01");
            fixture.given(smallFund())
                    .when(last)
                    .expectEvents(made(last));
        }

        @Test
        void oneFenOverTheCommitmentIsRefused() {
            fixture.given(smallFund())
                    .when(loan("I3", GAOXIN, "P3", yuan("100000.01"), "2019-01-01"))
                    .expectException(refused("amount", "commitment-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void aRaiseMakesRoomFromItsDate() {
            SeedCommitmentRaised raise = new SeedCommitmentRaised("R1", GAOXIN, wan(50), day("2020-01-01"));
            MakeSeedInvestment onTheDay = loan("I3", GAOXIN, "P3", wan(60), "2020-01-01");
            fixture.given(smallFund(raise))
                    .when(onTheDay)
                    .expectEvents(made(onTheDay));
            fixture.given(smallFund(raise))
                    .when(loan("I3", GAOXIN, "P3", wan(60), "2019-12-31"))
                    .expectException(refused("amount", "commitment-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void anEarlierDatedInvestmentMayNotTakeTheFundOverItsCommitmentLater() {
            // 20万 dated 2017 fits the 100万 then, but with I1 and I2 the fund would hold 110万 by 2018-06-01
            fixture.given(smallFund())
                    .when(loan("I3", GAOXIN, "P3", wan(20), "2017-06-01"))
                    .expectException(refused("amount", "commitment-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void anotherFundsInvestmentsDoNotCount() {
            SeedFundEstablished other = fund(BANAN, wan(100));
            MakeSeedInvestment command = equity("I3", BANAN, "P3", wan(80), 500, "2019-01-01");
            fixture.given(smallFund(other))
                    .when(command)
                    .expectEvents(made(command));
        }
    }

    @Nested
    class Dates {

        @Test
        void aTwentySixteenInvestmentIsAccepted() {
            MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(28), 500, "2016-10-18");
            fixture.given(twoFunds())
                    .when(command)
                    .expectEvents(made(command));
        }

        @Test
        void anInvestmentBeforeTheProgramIsRefused() {
            fixture.given(OPENED, new SeedFundEstablished(GAOXIN, "n", "p", FORTY, wan(100), day("2015-01-01")))
                    .when(equity("I1", GAOXIN, P1, wan(28), 500, "2014-12-31"))
                    .expectException(refused("investedOn", "date-order"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Duplicates {

        @Test
        void theSameInvestmentAgainIsADuplicateAndRecordsNothing() {
            MakeSeedInvestment command = equity("I1", GAOXIN, P1, wan(80), 500, "2020-01-01");
            fixture.given(twoFunds(made(command)))
                    .when(command)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("I1"));
        }

        @Test
        void theSameIdWithAnotherStakeIsAConflict() {
            fixture.given(twoFunds(made(equity("I1", GAOXIN, P1, wan(80), 500, "2020-01-01"))))
                    .when(equity("I1", GAOXIN, P1, wan(80), 600, "2020-01-01"))
                    .expectException(conflict("investmentId", "id-conflict"))
                    .expectNoEvents();
        }
    }
}
