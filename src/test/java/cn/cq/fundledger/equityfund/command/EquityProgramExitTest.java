package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.RecordExit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exits: a deal exits once, fully or in recorded parts; the parts' costs add up to the deal's amount. */
class EquityProgramExitTest extends EquityProgramTestSupport {

    /** 100.01 yuan: an amount that no round portion divides evenly. */
    static final DealClosed DEAL = dealClosed("D1", FUND, "100.01", "2020-08-01");

    static List<Object> withDeal(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), DEAL, List.of(more));
    }

    static RecordExit fullExit(String exitId, String proceeds, String on) {
        return new RecordExit(exitId, "D1", yuan(proceeds), null, day(on));
    }

    static RecordExit partialExit(String exitId, String proceeds, int portionBp, String on) {
        return new RecordExit(exitId, "D1", yuan(proceeds), bp(portionBp), day(on));
    }

    @Test
    void anExitWithoutAPartSellsTheWholeHolding() {
        fixture.given(withDeal())
                .when(fullExit("X1", "200.02", "2024-08-06"))
                .expectEvents(fullyExited("X1", DEAL, "200.02", "2024-08-06"))
                .expectResultMessagePayload(Recorded.applied("X1"));
    }

    @Test
    void aSecondFullExitIsRefused() {
        fixture.given(withDeal(fullyExited("X1", DEAL, "200.02", "2024-08-06")))
                .when(fullExit("X2", "10", "2024-09-01"))
                .expectException(refused("dealId", "deal-exited"))
                .expectNoEvents();
    }

    @Test
    void noPartialExitAfterAFullOne() {
        fixture.given(withDeal(fullyExited("X1", DEAL, "200.02", "2024-08-06")))
                .when(partialExit("X2", "10", 1000, "2024-09-01"))
                .expectException(refused("dealId", "deal-exited"))
                .expectNoEvents();
    }

    @Test
    void aPartialExitSellsItsPortionAtItsShareOfTheCost() {
        // 40% of 100.01 = 40.004 → 40.00
        fixture.given(withDeal())
                .when(partialExit("X1", "60", 4000, "2022-01-01"))
                .expectEvents(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01"));
    }

    @Test
    void thePartThatSellsTheRestTakesTheRestOfTheCostAndExitsTheDeal() {
        fixture.given(withDeal(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01")))
                .when(partialExit("X2", "90", 6000, "2023-01-01"))
                .expectEvents(exited("X2", DEAL, "90", 6000, yuan("60.01"), 0, "2023-01-01"));
    }

    @Test
    void aFullExitAfterPartsSellsWhatIsLeft() {
        fixture.given(withDeal(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01")))
                .when(fullExit("X2", "90", "2023-01-01"))
                .expectEvents(exited("X2", DEAL, "90", 6000, yuan("60.01"), 0, "2023-01-01"));
    }

    @Test
    void aPartAboveWhatIsStillHeldIsRefused() {
        fixture.given(withDeal(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01")))
                .when(partialExit("X2", "90", 6001, "2023-01-01"))
                .expectException(refused("portionPct", "exit-exceeds-holding"))
                .expectNoEvents();
    }

    @Test
    void aPartOfNothingIsRefused() {
        fixture.given(withDeal())
                .when(partialExit("X1", "1", 0, "2022-01-01"))
                .expectException(invalid("portionPct", "portion-positive"))
                .expectNoEvents();
    }

    @Test
    void aPartAboveAHundredPercentIsRefused() {
        fixture.given(withDeal())
                .when(partialExit("X1", "1", Ratio.ONE + 1, "2022-01-01"))
                .expectException(invalid("portionPct", "ratio-range"))
                .expectNoEvents();
    }

    @Test
    void anExitMayBringNothing() {
        fixture.given(withDeal())
                .when(fullExit("X1", "0", "2024-08-06"))
                .expectEvents(fullyExited("X1", DEAL, "0", "2024-08-06"));
    }

    @Test
    void negativeProceedsAreRefused() {
        fixture.given(withDeal())
                .when(fullExit("X1", "-1", "2024-08-06"))
                .expectException(invalid("proceedsYuan", "amount-not-negative"))
                .expectNoEvents();
    }

    @Test
    void noExitBeforeTheDealClosed() {
        fixture.given(withDeal())
                .when(fullExit("X1", "1", "2020-07-31"))
                .expectException(refused("exitedOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void noPartBeforeTheDealsPreviousExit() {
        fixture.given(withDeal(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01")))
                .when(partialExit("X2", "10", 1000, "2021-12-31"))
                .expectException(refused("exitedOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void anExitOfAnUnknownDealIsRefused() {
        fixture.given(withDeal())
                .when(new RecordExit("X1", "NOPE", yuan("1"), null, day("2022-01-01")))
                .expectException(notFound("dealId", "unknown-deal"))
                .expectNoEvents();
    }

    @Test
    void theSameFullExitAgainIsADuplicate() {
        fixture.given(withDeal(fullyExited("X1", DEAL, "200.02", "2024-08-06")))
                .when(fullExit("X1", "200.02", "2024-08-06"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("X1"));
    }

    @Test
    void theSamePartAgainIsADuplicate() {
        fixture.given(withDeal(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01")))
                .when(partialExit("X1", "60", 4000, "2022-01-01"))
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("X1"));
    }

    @Test
    void theSameExitIdWithOtherContentIsAConflict() {
        fixture.given(withDeal(fullyExited("X1", DEAL, "200.02", "2024-08-06")))
                .when(fullExit("X1", "200.03", "2024-08-06"))
                .expectException(conflict("exitId", "id-conflict"))
                .expectNoEvents();
        fixture.given(withDeal(exited("X1", DEAL, "60", 4000, yuan("40.00"), 6000, "2022-01-01")))
                .when(fullExit("X1", "60", "2022-01-01"))
                .expectException(conflict("exitId", "id-conflict"))
                .expectNoEvents();
    }
}
