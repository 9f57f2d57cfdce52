package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.CallCapital;
import org.junit.jupiter.api.Test;

/** Capital calls: shared pro rata to commitment by largest remainder, never beyond what the partners owe. */
class EquityProgramCallTest extends EquityProgramTestSupport {

    static CallCapital call(String callId, String fundId, String amount, String on) {
        return new CallCapital(callId, fundId, yuan(amount), day(on));
    }

    @Test
    void aCallIsSharedProRataToCommitment() {
        fixture.given(history(OPENED, sampleFund(FUND)))
                .when(call("EF1-C1", FUND, "3亿", "2020-06-30"))
                .expectEvents(sampleCall(FUND, "2020-06-30"))
                .expectResultMessagePayload(Recorded.applied("EF1-C1"));
    }

    @Test
    void aHundredYuanOverThreeEqualPartnersAddsUpToTheFen() {
        fixture.given(history(OPENED, equalFund(FUND)))
                .when(call("C1", FUND, "100.00", "2020-06-30"))
                .expectEvents(called("C1", FUND, "100.00", "2020-06-30", part("A", 1, "33.34"), part("B", 2, "33.33"),
                        part("C", 3, "33.33")));
    }

    @Test
    void theLastInstalmentFillsEveryCommitmentExactly() {
        // two calls of 100.00 gave A 66.68, B and C 66.66 each: A owes 33.32, B and C 33.34
        fixture.given(history(OPENED, equalFund(FUND),
                        called("C1", FUND, "100.00", "2020-06-30", part("A", 1, "33.34"), part("B", 2, "33.33"),
                                part("C", 3, "33.33")),
                        called("C2", FUND, "100.00", "2020-07-30", part("A", 1, "33.34"), part("B", 2, "33.33"),
                                part("C", 3, "33.33"))))
                .when(call("C3", FUND, "100.00", "2020-08-30"))
                .expectEvents(called("C3", FUND, "100.00", "2020-08-30", part("A", 1, "33.32"), part("B", 2, "33.34"),
                        part("C", 3, "33.34")));
    }

    @Test
    void aCallBeyondTheUncalledCommitmentsIsRefused() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(call("EF1-C2", FUND, "7.0000001亿", "2020-09-30"))
                .expectException(refused("amountYuan", "call-exceeds-commitments"))
                .expectNoEvents();
    }

    @Test
    void aCallOfExactlyWhatIsOwedIsAccepted() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(call("EF1-C2", FUND, "7亿", "2020-09-30"))
                .expectEvents(called("EF1-C2", FUND, "7亿", "2020-09-30", part(CITY, 1, "2.8亿"),
                        part(NATIONAL, 2, "1.4亿"), part(PRIVATE, 3, "2.8亿")));
    }

    @Test
    void onlyCommitmentsMadeByTheCallsDateCount() {
        // the national fund raises by 2亿 on 2021-01-10: a call the day before cannot use it
        fixture.given(history(OPENED, sampleFund(FUND), committed(FUND, NATIONAL, 2, "2亿", "2021-01-10")))
                .when(call("C1", FUND, "10.5亿", "2021-01-09"))
                .expectException(refused("amountYuan", "call-exceeds-commitments"))
                .expectNoEvents();
    }

    @Test
    void aRaisedCommitmentWeighsFromItsDate() {
        // from 2021-01-10 the commitments are 4亿, 4亿, 4亿
        fixture.given(history(OPENED, sampleFund(FUND), committed(FUND, NATIONAL, 2, "2亿", "2021-01-10")))
                .when(call("C1", FUND, "3亿", "2021-01-10"))
                .expectEvents(called("C1", FUND, "3亿", "2021-01-10", part(CITY, 1, "1亿"), part(NATIONAL, 2, "1亿"),
                        part(PRIVATE, 3, "1亿")));
    }

    @Test
    void aPartnerWhoJoinsLaterHasNoPartInEarlierCalls() {
        fixture.given(history(OPENED, sampleFund(FUND), committed(FUND, "后来者", 4, "10亿", "2021-01-10")))
                .when(call("C1", FUND, "1亿", "2020-12-31"))
                .expectEvents(called("C1", FUND, "1亿", "2020-12-31", part(CITY, 1, "0.4亿"),
                        part(NATIONAL, 2, "0.2亿"), part(PRIVATE, 3, "0.4亿")));
    }

    @Test
    void aPartnerIsNeverCalledBeyondItsCommitment() {
        // A and B commit 100 each; 150 is called (75/75); A raises by 200. Pro rata to 300:100 a call of 200 would
        // take 50 from B, who owes only 25: B pays 25, A the rest.
        fixture.given(history(OPENED, established(FUND, COMMITTED_ON), committed(FUND, "A", 1, "100", COMMITTED_ON),
                        committed(FUND, "B", 2, "100", COMMITTED_ON),
                        called("C1", FUND, "150", "2020-06-30", part("A", 1, "75"), part("B", 2, "75")),
                        committed(FUND, "A", 1, "200", "2020-07-01")))
                .when(call("C2", FUND, "200", "2020-08-01"))
                .expectEvents(called("C2", FUND, "200", "2020-08-01", part("A", 1, "175"), part("B", 2, "25")));
    }

    @Test
    void aCallRecordedLateMustFitEveryLaterCall() {
        // 10亿 committed, 8亿 called on 2020-07-01; 3亿 dated 2020-06-01 fits that day but not 2020-07-01
        fixture.given(history(OPENED, sampleFund(FUND), called("C2", FUND, "8亿", "2020-07-01",
                        part(CITY, 1, "3.2亿"), part(NATIONAL, 2, "1.6亿"), part(PRIVATE, 3, "3.2亿"))))
                .when(call("C1", FUND, "3亿", "2020-06-01"))
                .expectException(refused("amountYuan", "call-exceeds-commitments"))
                .expectNoEvents();
    }

    @Test
    void aCallToAnUnknownFundIsRefused() {
        fixture.given(history(OPENED, sampleFund(FUND)))
                .when(call("C1", "NOPE", "1", "2020-06-30"))
                .expectException(notFound("fundId", "unknown-fund"))
                .expectNoEvents();
    }

    @Test
    void theSameCallAgainIsADuplicateEvenWhenNothingIsLeftToCall() {
        fixture.given(history(OPENED, sampleFund(FUND), called("C1", FUND, "10亿", "2020-06-30",
                        part(CITY, 1, "4亿"), part(NATIONAL, 2, "2亿"), part(PRIVATE, 3, "4亿"))))
                .when(call("C1", FUND, "10亿", "2020-06-30"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("C1"));
    }

    @Test
    void theSameCallIdWithOtherContentIsAConflict() {
        fixture.given(history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30")))
                .when(call("EF1-C1", FUND, "3亿", "2020-07-01"))
                .expectException(conflict("callId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aCallMustBePositive() {
        fixture.given(history(OPENED, sampleFund(FUND)))
                .when(call("C1", FUND, "0", "2020-06-30"))
                .expectException(invalid("amountYuan", "amount-positive"))
                .expectNoEvents();
    }
}
