package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exits: every route, the split of proceeds between the city and the partner, and every refusal. */
class SeedProgramExitTest extends SeedProgramTestSupport {

    private static final SeedInvestmentMade STAKE = made(equity("I1", GAOXIN, P1, wan(34), 500, "2018-03-28"));
    private static final SeedInvestmentMade LOAN = made(loan("I2", GAOXIN, P2, wan(39), "2018-08-17"));

    private static List<Object> invested(Object... more) {
        return history(OPENED, fund(GAOXIN, wan(5000)), STAKE, LOAN, List.of(more));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExitRoute.class, names = {"BUYBACK", "TRANSFER", "LIQUIDATION"})
    void aStakeExitsAndItsProceedsGoBackFortySixty(ExitRoute route) {
        fixture.given(invested())
                .when(exit("X1", "I1", route, wan(68), "2019-07-10"))
                .expectEvents(new SeedInvestmentExited("X1", "I1", GAOXIN, P1, Instrument.EQUITY, day("2018-03-28"),
                        route, wan(34), wan(68), FORTY, yuan("272000"), yuan("408000"), wan(34), day("2019-07-10")))
                .expectResultMessagePayload(Recorded.applied("X1"));
    }

    @Test
    void theSplitRoundsTheCitysShareHalfEvenAndGivesThePartnerTheRest() {
        // 40% of 170,000.01 yuan is 68,000.004 yuan: the city gets 68,000.00, the partner 102,000.01
        fixture.given(invested())
                .when(exit("X1", "I1", ExitRoute.TRANSFER, yuan("170000.01"), "2020-07-09"))
                .expectEvents(exited("X1", STAKE, ExitRoute.TRANSFER, yuan("170000.01"), yuan("68000.00"),
                        "2020-07-09"));
    }

    @Test
    void theFundsOwnProportionApplies() {
        SeedFundEstablished thirty = new SeedFundEstablished(BANAN, "巴南区种子基金", "巴南区", bp(3000), wan(5000),
                day("2016-01-15"));
        SeedInvestmentMade stake = made(equity("I9", BANAN, "P9", wan(50), 500, "2019-01-01"));
        // 30% of 0.15 yuan is 4.5 fen: half-even gives the city 4 fen, the partner 11
        fixture.given(invested(thirty, stake))
                .when(exit("X9", "I9", ExitRoute.BUYBACK, yuan("0.15"), "2020-01-01"))
                .expectEvents(new SeedInvestmentExited("X9", "I9", BANAN, "P9", Instrument.EQUITY, day("2019-01-01"),
                        ExitRoute.BUYBACK, wan(50), yuan("0.15"), bp(3000), Money.ofFen(4), Money.ofFen(11),
                        yuan("0.15").minus(wan(50)), day("2020-01-01")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExitRoute.class, names = {"BUYBACK", "TRANSFER", "LIQUIDATION"})
    void anExitWithoutProceedsIsAccepted(ExitRoute route) {
        fixture.given(invested())
                .when(exit("X1", "I1", route, Money.ZERO, "2019-08-01"))
                .expectEvents(exited("X1", STAKE, route, Money.ZERO, Money.ZERO, "2019-08-01"));
    }

    @Test
    void aLoanIsRepaid() {
        fixture.given(invested())
                .when(exit("X2", "I2", ExitRoute.REPAID, wan(39), "2020-06-24"))
                .expectEvents(exited("X2", LOAN, ExitRoute.REPAID, wan(39), yuan("156000"), "2020-06-24"));
    }

    @Test
    void aLoanMayBeRepaidInPartOnly() {
        fixture.given(invested())
                .when(exit("X2", "I2", ExitRoute.REPAID, wan(30), "2020-06-24"))
                .expectEvents(exited("X2", LOAN, ExitRoute.REPAID, wan(30), wan(12), "2020-06-24"));
    }

    @Test
    void anInterestFreeLoanIsNeverRepaidWithMoreThanWasLent() {
        fixture.given(invested())
                .when(exit("X2", "I2", ExitRoute.REPAID, yuan("390000.01"), "2020-06-24"))
                .expectException(refused("proceeds", "repaid-above-loan"))
                .expectNoEvents();
    }

    @Test
    void aStakeIsNotRepaid() {
        fixture.given(invested())
                .when(exit("X1", "I1", ExitRoute.REPAID, wan(34), "2020-06-24"))
                .expectException(refused("route", "route-instrument"))
                .expectNoEvents();
    }

    @Nested
    class WriteOff {

        @Test
        void aWriteOffRecordsTheWholeCostAsLost() {
            fixture.given(invested())
                    .when(exit("X1", "I1", ExitRoute.WRITE_OFF, Money.ZERO, "2024-02-24"))
                    .expectEvents(new SeedInvestmentExited("X1", "I1", GAOXIN, P1, Instrument.EQUITY,
                            day("2018-03-28"), ExitRoute.WRITE_OFF, wan(34), Money.ZERO, FORTY, Money.ZERO, Money.ZERO,
                            wan(34).negate(), day("2024-02-24")));
        }

        @Test
        void aLoanIsWrittenOffToo() {
            fixture.given(invested())
                    .when(exit("X2", "I2", ExitRoute.WRITE_OFF, Money.ZERO, "2024-02-24"))
                    .expectEvents(exited("X2", LOAN, ExitRoute.WRITE_OFF, Money.ZERO, Money.ZERO, "2024-02-24"));
        }

        @Test
        void aWriteOffWithProceedsIsRefused() {
            fixture.given(invested())
                    .when(exit("X1", "I1", ExitRoute.WRITE_OFF, yuan("0.01"), "2024-02-24"))
                    .expectException(invalid("proceeds", "write-off-proceeds"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Refusals {

        @Test
        void anInvestmentExitsOnce() {
            SeedInvestmentExited first = exited("X1", STAKE, ExitRoute.BUYBACK, wan(10), wan(4), "2019-01-01");
            fixture.given(invested(first))
                    .when(exit("X3", "I1", ExitRoute.TRANSFER, wan(20), "2020-01-01"))
                    .expectException(conflict("investmentId", "already-exited"))
                    .expectNoEvents();
        }

        @Test
        void theSameExitAgainIsADuplicateAndRecordsNothing() {
            SeedInvestmentExited first = exited("X1", STAKE, ExitRoute.BUYBACK, wan(10), wan(4), "2019-01-01");
            fixture.given(invested(first))
                    .when(exit("X1", "I1", ExitRoute.BUYBACK, wan(10), "2019-01-01"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("X1"));
        }

        @Test
        void theSameExitIdWithOtherProceedsIsAConflict() {
            SeedInvestmentExited first = exited("X1", STAKE, ExitRoute.BUYBACK, wan(10), wan(4), "2019-01-01");
            fixture.given(invested(first))
                    .when(exit("X1", "I1", ExitRoute.BUYBACK, wan(11), "2019-01-01"))
                    .expectException(conflict("exitId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void anExitOfAnUnknownInvestmentIsNotFound() {
            fixture.given(invested())
                    .when(exit("X1", "I404", ExitRoute.BUYBACK, wan(10), "2019-01-01"))
                    .expectException(notFound("investmentId", "unknown-investment"))
                    .expectNoEvents();
        }

        @Test
        void anExitBeforeTheInvestmentIsRefused() {
            fixture.given(invested())
                    .when(exit("X1", "I1", ExitRoute.BUYBACK, wan(10), "2018-03-27"))
                    .expectException(refused("exitedOn", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void anExitOnTheDayOfTheInvestmentIsAccepted() {
            fixture.given(invested())
                    .when(exit("X1", "I1", ExitRoute.BUYBACK, wan(10), "2018-03-28"))
                    .expectEvents(exited("X1", STAKE, ExitRoute.BUYBACK, wan(10), wan(4), "2018-03-28"));
        }

        @Test
        void negativeProceedsAreRefused() {
            fixture.given(invested())
                    .when(exit("X1", "I1", ExitRoute.BUYBACK, yuan("-1"), "2019-01-01"))
                    .expectException(invalid("proceeds", "amount-not-negative"))
                    .expectNoEvents();
        }

        @Test
        void anExitNeedsARoute() {
            fixture.given(invested())
                    .when(exit("X1", "I1", null, wan(1), "2019-01-01"))
                    .expectException(invalid("route", "required"))
                    .expectNoEvents();
        }
    }
}
