package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marks: a valuation of a deal on a date, by cost, last round or appraisal. */
class EquityProgramMarkTest extends EquityProgramTestSupport {

    static final DealClosed DEAL = dealClosed("D1", FUND, "1亿", "2020-08-01");

    static List<Object> withDeal(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), DEAL, List.of(more));
    }

    static MarkDeal mark(String value, ValuationMethod method, String on) {
        return new MarkDeal("D1", yuan(value), method, day(on));
    }

    @Test
    void aMarkValuesTheDealOnItsDate() {
        fixture.given(withDeal())
                .when(mark("1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30"))
                .expectEvents(marked(DEAL, "1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30"))
                .expectResultMessagePayload(Recorded.applied("D1@2021-06-30"));
    }

    @Test
    void aDealMayBeWrittenDownToNothing() {
        fixture.given(withDeal())
                .when(mark("0", ValuationMethod.APPRAISAL, "2021-06-30"))
                .expectEvents(marked(DEAL, "0", ValuationMethod.APPRAISAL, "2021-06-30"));
    }

    @Test
    void aNegativeValueIsRefused() {
        fixture.given(withDeal())
                .when(mark("-1", ValuationMethod.APPRAISAL, "2021-06-30"))
                .expectException(invalid("valueYuan", "amount-not-negative"))
                .expectNoEvents();
    }

    @Test
    void aMarkNeedsAMethod() {
        fixture.given(withDeal())
                .when(mark("1亿", null, "2021-06-30"))
                .expectException(invalid("method", "required"))
                .expectNoEvents();
    }

    @Test
    void noMarkBeforeTheDealClosed() {
        fixture.given(withDeal())
                .when(mark("1亿", ValuationMethod.COST, "2020-07-31"))
                .expectException(refused("markedOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void aMarkOfAnUnknownDealIsRefused() {
        fixture.given(withDeal())
                .when(new MarkDeal("NOPE", yuan("1"), ValuationMethod.COST, day("2021-01-01")))
                .expectException(notFound("dealId", "unknown-deal"))
                .expectNoEvents();
    }

    @Test
    void theSameMarkAgainIsADuplicate() {
        fixture.given(withDeal(marked(DEAL, "1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30")))
                .when(mark("1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("D1@2021-06-30"));
    }

    @Test
    void anotherMarkOnTheSameDayIsAConflict() {
        fixture.given(withDeal(marked(DEAL, "1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30")))
                .when(mark("1.6亿", ValuationMethod.APPRAISAL, "2021-06-30"))
                .expectException(conflict("markedOn", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aFullyExitedDealTakesNoMarkFromItsExitOn() {
        fixture.given(withDeal(fullyExited("X1", DEAL, "2亿", "2022-03-01")))
                .when(mark("1亿", ValuationMethod.APPRAISAL, "2022-03-01"))
                .expectException(refused("markedOn", "deal-exited"))
                .expectNoEvents();
    }

    @Test
    void aMarkBeforeTheFullExitMayStillBeRecorded() {
        fixture.given(withDeal(fullyExited("X1", DEAL, "2亿", "2022-03-01")))
                .when(mark("1.8亿", ValuationMethod.APPRAISAL, "2021-12-31"))
                .expectEvents(marked(DEAL, "1.8亿", ValuationMethod.APPRAISAL, "2021-12-31"));
    }

    @Test
    void aPartlyExitedDealIsStillMarked() {
        fixture.given(withDeal(exited("X1", DEAL, "1亿", 4000, yuan("0.4亿"), 6000, "2022-03-01")))
                .when(mark("0.9亿", ValuationMethod.APPRAISAL, "2022-06-30"))
                .expectEvents(marked(DEAL, "0.9亿", ValuationMethod.APPRAISAL, "2022-06-30"));
    }
}
