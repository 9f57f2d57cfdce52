package cn.cq.fundledger.seedfund.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.seedfund.query.SeedValuation.FollowOn;
import cn.cq.fundledger.seedfund.query.SeedValuation.Holding;
import cn.cq.fundledger.seedfund.query.SeedValuation.Mark;
import cn.cq.fundledger.seedfund.query.SeedValuation.Round;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marks of stakes and the attribution of follow-on capital to seed investments. */
class SeedValuationTest {

    private static final long WAN = 1_000_000L;

    private static Holding stake(String id, String project, long amountFen, int bp, String on, boolean exited) {
        return new Holding(id, "GX", project, "e", "EQUITY", amountFen, bp, LocalDate.parse(on), exited);
    }

    private static Holding loan(String id, String project, long amountFen, String on) {
        return new Holding(id, "GX", project, "e", "LOAN", amountFen, null, LocalDate.parse(on), false);
    }

    private static Round round(String id, String project, long amountFen, long postMoneyFen, String on) {
        return new Round(id, project, "angel", amountFen, postMoneyFen, LocalDate.parse(on));
    }

    @Test
    void aStakeIsMarkedByTheLatestRoundAfterIt() {
        Holding h = stake("I1", "P1", 50 * WAN, 500, "2020-01-01", false);
        List<Round> rounds = List.of(round("R0", "P1", WAN, 10_000 * WAN, "2019-12-31"),
                round("R1", "P1", 300 * WAN, 3000 * WAN, "2020-06-01"),
                round("R2", "P1", 500 * WAN, 6000 * WAN, "2021-06-01"));
        assertThat(SeedValuation.mark(h, rounds)).isEqualTo(new Mark(300 * WAN, "R2"));
        assertThat(SeedValuation.mark(h, rounds.subList(0, 2))).isEqualTo(new Mark(150 * WAN, "R1"));
    }

    @Test
    void aRoundBeforeTheStakeDoesNotMarkIt() {
        Holding h = stake("I1", "P1", 50 * WAN, 500, "2020-01-01", false);
        assertThat(SeedValuation.mark(h, List.of(round("R0", "P1", WAN, 10_000 * WAN, "2019-12-31"))))
                .isEqualTo(new Mark(50 * WAN, null));
    }

    @Test
    void aRoundOnTheDayOfTheStakeMarksIt() {
        Holding h = stake("I1", "P1", 50 * WAN, 500, "2020-01-01", false);
        assertThat(SeedValuation.mark(h, List.of(round("R0", "P1", WAN, 2000 * WAN, "2020-01-01"))))
                .isEqualTo(new Mark(100 * WAN, "R0"));
    }

    @Test
    void theMarkIsRoundedHalfEvenToTheFen() {
        // 0.05% of 1,001 fen = 0.5005 fen -> 1; 0.05% of 1,000 fen = 0.5 fen -> 0 (even)
        Holding h = stake("I1", "P1", 1, 5, "2020-01-01", false);
        assertThat(SeedValuation.mark(h, List.of(round("R", "P1", 1, 1_001, "2020-02-01"))).valueFen()).isEqualTo(1);
        assertThat(SeedValuation.mark(h, List.of(round("R", "P1", 1, 1_000, "2020-02-01"))).valueFen()).isZero();
    }

    @Test
    void aLoanIsHeldAtCostAndAnExitedInvestmentAtNothing() {
        List<Round> rounds = List.of(round("R1", "P1", 300 * WAN, 3000 * WAN, "2021-06-01"));
        assertThat(SeedValuation.mark(loan("I2", "P1", 30 * WAN, "2020-01-01"), rounds))
                .isEqualTo(new Mark(30 * WAN, null));
        assertThat(SeedValuation.mark(stake("I3", "P1", 50 * WAN, 500, "2020-01-01", true), rounds))
                .isEqualTo(new Mark(0, null));
    }

    @Test
    void aRoundOfAnotherProjectDoesNotMark() {
        Holding h = stake("I1", "P1", 50 * WAN, 500, "2020-01-01", false);
        assertThat(SeedValuation.mark(h, List.of(round("R1", "P2", 300 * WAN, 3000 * WAN, "2021-06-01"))))
                .isEqualTo(new Mark(50 * WAN, null));
    }

    @Test
    void aRoundIsSharedByTheSeedMoneyBeforeItInProportion() {
        List<Holding> holdings = List.of(stake("I1", "P1", 50 * WAN, 500, "2017-01-10", true),
                loan("I7", "P1", 30 * WAN, "2021-06-01"), loan("I9", "P1", 10 * WAN, "2023-01-01"));
        FollowOn followOn = SeedValuation.followOn(holdings,
                List.of(round("FR4", "P1", 300_000_001L, 3000 * WAN, "2022-06-01")));
        // 5/8 of 300,000,001 = 187,500,000.625 -> 187,500,001; the last one takes the remainder
        assertThat(followOn.of("I1")).isEqualTo(187_500_001L);
        assertThat(followOn.of("I7")).isEqualTo(112_500_000L);
        assertThat(followOn.of("I9")).isZero();
        assertThat(followOn.unlinkedFen()).isZero();
    }

    @Test
    void theSharesAlwaysAddUpToTheRound() {
        List<Holding> holdings = List.of(loan("A", "P1", 1, "2020-01-01"), loan("B", "P1", 1, "2020-01-01"),
                loan("C", "P1", 1, "2020-01-01"));
        FollowOn followOn = SeedValuation.followOn(holdings, List.of(round("R", "P1", 100, 1000, "2020-01-02")));
        assertThat(followOn.of("A") + followOn.of("B") + followOn.of("C")).isEqualTo(100);
        assertThat(followOn.of("A")).isEqualTo(33);
        assertThat(followOn.of("C")).isEqualTo(34);
    }

    @Test
    void aRoundBeforeAnySeedMoneyAttractedNothing() {
        FollowOn followOn = SeedValuation.followOn(List.of(loan("I1", "P1", 30 * WAN, "2020-01-01")),
                List.of(round("R0", "P1", 100 * WAN, 500 * WAN, "2019-12-31"),
                        round("R9", "P9", 7 * WAN, 500 * WAN, "2021-01-01")));
        assertThat(followOn.of("I1")).isZero();
        assertThat(followOn.unlinkedFen()).isEqualTo(107 * WAN);
    }

    @Test
    void ratiosAndPercentages() {
        assertThat(SeedValuation.multiple(140, 90)).isEqualTo("1.5556");
        assertThat(SeedValuation.multiple(1, 0)).isNull();
        assertThat(SeedValuation.basisPoints(12_500, 300_000)).isEqualTo(417);
        assertThat(SeedValuation.percent(12_500, 300_000)).isEqualTo("4.17%");
        assertThat(SeedValuation.percent(1, 0)).isEqualTo("0%");
    }
}
