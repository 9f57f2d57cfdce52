package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.CloseDeal;
import cn.cq.fundledger.equityfund.api.DealClosed;
import org.junit.jupiter.api.Test;

/** Deals: within the capital called by their date, a stake of 0 to 100%. */
class EquityProgramDealTest extends EquityProgramTestSupport {

    static CloseDeal deal(String dealId, String fundId, String amount, int stakeBp, String on) {
        return new CloseDeal(dealId, fundId, "P-" + dealId, "公司" + dealId, yuan(amount), bp(stakeBp), day(on));
    }

    static DealClosed closed(String dealId, String fundId, String amount, int stakeBp, String on) {
        return new DealClosed(dealId, fundId, "P-" + dealId, "公司" + dealId, yuan(amount), bp(stakeBp), day(on));
    }

    @Test
    void aDealWithinTheCalledCapitalIsRecorded() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(deal("ED02", FUND, "25500000.00", 2700, "2020-09-05"))
                .expectEvents(closed("ED02", FUND, "25500000.00", 2700, "2020-09-05"))
                .expectResultMessagePayload(Recorded.applied("ED02"));
    }

    @Test
    void investmentsMayReachTheCalledCapitalExactly() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"),
                        dealClosed("D1", FUND, "2.5亿", "2020-08-01")))
                .when(deal("D2", FUND, "0.5亿", 1000, "2020-09-01"))
                .expectEvents(closed("D2", FUND, "0.5亿", 1000, "2020-09-01"));
    }

    @Test
    void aDealBeyondTheCalledCapitalIsRefused() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"),
                        dealClosed("D1", FUND, "2.5亿", "2020-08-01")))
                .when(deal("D2", FUND, "50000000.01", 1000, "2020-09-01"))
                .expectException(refused("amountYuan", "deal-exceeds-called-capital"))
                .expectNoEvents();
    }

    @Test
    void onlyCapitalCalledByTheDealsDateCounts() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(deal("D1", FUND, "1亿", 1000, "2020-06-29"))
                .expectException(refused("amountYuan", "deal-exceeds-called-capital"))
                .expectNoEvents();
    }

    @Test
    void aDealRecordedLateMustFitEveryLaterDeal() {
        // 3亿 called on 2020-06-30; a later deal of 2.5亿 on 2020-10-01 leaves 0.5亿 from then on
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"),
                        dealClosed("D2", FUND, "2.5亿", "2020-10-01")))
                .when(deal("D1", FUND, "0.6亿", 1000, "2020-08-01"))
                .expectException(refused("amountYuan", "deal-exceeds-called-capital"))
                .expectNoEvents();
    }

    @Test
    void anotherFundsCapitalDoesNotCount() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleFund(OTHER_FUND), sampleCall(OTHER_FUND, "2020-06-30")))
                .when(deal("D1", FUND, "1亿", 1000, "2020-08-01"))
                .expectException(refused("amountYuan", "deal-exceeds-called-capital"))
                .expectNoEvents();
    }

    @Test
    void aStakeOfZeroOrAHundredPercentIsAccepted() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(deal("D1", FUND, "1亿", 10_000, "2020-08-01"))
                .expectEvents(closed("D1", FUND, "1亿", 10_000, "2020-08-01"));
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(deal("D1", FUND, "1亿", 0, "2020-08-01"))
                .expectEvents(closed("D1", FUND, "1亿", 0, "2020-08-01"));
    }

    @Test
    void aStakeAboveAHundredPercentIsRefused() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(deal("D1", FUND, "1亿", 10_001, "2020-08-01"))
                .expectException(invalid("stakePct", "ratio-range"))
                .expectNoEvents();
    }

    @Test
    void aDealOfAnUnknownFundIsRefused() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(deal("D1", "NOPE", "1亿", 1000, "2020-08-01"))
                .expectException(notFound("fundId", "unknown-fund"))
                .expectNoEvents();
    }

    @Test
    void theSameDealAgainIsADuplicate() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"),
                        closed("D1", FUND, "3亿", 1000, "2020-08-01")))
                .when(deal("D1", FUND, "3亿", 1000, "2020-08-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("D1"));
    }

    @Test
    void theSameDealIdWithOtherContentIsAConflict() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"),
                        closed("D1", FUND, "1亿", 1000, "2020-08-01")))
                .when(deal("D1", FUND, "1亿", 1100, "2020-08-01"))
                .expectException(conflict("dealId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aDealNeedsAProjectAndACompany() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(new CloseDeal("D1", FUND, " ", "公司", yuan("1"), bp(100), day("2020-08-01")))
                .expectException(invalid("projectId", "required"))
                .expectNoEvents();
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(new CloseDeal("D1", FUND, "P1", null, yuan("1"), bp(100), day("2020-08-01")))
                .expectException(invalid("company", "required"))
                .expectNoEvents();
    }
}
