package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distributions: within the undistributed exit proceeds, shared pro rata to paid-in capital by largest remainder. */
class EquityProgramDistributionTest extends EquityProgramTestSupport {

    static final DealClosed DEAL = dealClosed("ED03", FUND, "37930000.00", "2023-03-25");

    /** The sample fund after its call, deal ED03 and the exit EX03 at twice the deal's amount (7586万). */
    static List<Object> afterExit(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), DEAL,
                fullyExited("EX03", DEAL, "75860000.00", "2024-08-06"), List.of(more));
    }

    static MakeDistribution distribute(String id, String fundId, String amount, String on) {
        return new MakeDistribution(id, fundId, yuan(amount), day(on));
    }

    @Test
    void proceedsArePaidProRataToPaidInCapital() {
        fixture.given(afterExit())
                .when(distribute("DS1", FUND, "75860000.00", "2024-09-01"))
                .expectEvents(distributed("DS1", FUND, "75860000.00", "2024-09-01", part(CITY, 1, "30344000.00"),
                        part(NATIONAL, 2, "15172000.00"), part(PRIVATE, 3, "30344000.00")))
                .expectResultMessagePayload(Recorded.applied("DS1"));
    }

    @Test
    void aHundredYuanOverThreeEqualPartnersAddsUpToTheFen() {
        DealClosed deal = dealClosed("D1", FUND, "300.00", "2020-08-01");
        fixture.given(history(OPENED, equalFund(FUND), called("C1", FUND, "300.00", "2020-06-30",
                        part("A", 1, "100.00"), part("B", 2, "100.00"), part("C", 3, "100.00")), deal,
                        fullyExited("X1", deal, "100.00", "2021-01-01")))
                .when(distribute("DS1", FUND, "100.00", "2021-02-01"))
                .expectEvents(distributed("DS1", FUND, "100.00", "2021-02-01", part("A", 1, "33.34"),
                        part("B", 2, "33.33"), part("C", 3, "33.33")));
    }

    @Test
    void theOddFenGoesToTheLargestRemainder() {
        // paid in 33.34, 33.33, 33.33; 0.10 yuan = 3.334, 3.333, 3.333 fen: the odd fen goes to A
        DealClosed deal = dealClosed("D1", FUND, "100.00", "2020-08-01");
        fixture.given(history(OPENED, equalFund(FUND), called("C1", FUND, "100.00", "2020-06-30",
                        part("A", 1, "33.34"), part("B", 2, "33.33"), part("C", 3, "33.33")), deal,
                        fullyExited("X1", deal, "1.00", "2021-01-01")))
                .when(distribute("DS1", FUND, "0.10", "2021-02-01"))
                .expectEvents(distributed("DS1", FUND, "0.10", "2021-02-01", part("A", 1, "0.04"),
                        part("B", 2, "0.03"), part("C", 3, "0.03")));
    }

    @Test
    void onlyCapitalPaidInByTheDistributionsDateCounts() {
        // the national fund raises its commitment and a second call follows on 2024-10-01: neither counts yet
        fixture.given(afterExit(committed(FUND, NATIONAL, 2, "6亿", "2024-09-15"),
                        called("C2", FUND, "3亿", "2024-10-01", part(CITY, 1, "0.75亿"), part(NATIONAL, 2, "1.5亿"),
                                part(PRIVATE, 3, "0.75亿"))))
                .when(distribute("DS1", FUND, "75860000.00", "2024-09-01"))
                .expectEvents(distributed("DS1", FUND, "75860000.00", "2024-09-01", part(CITY, 1, "30344000.00"),
                        part(NATIONAL, 2, "15172000.00"), part(PRIVATE, 3, "30344000.00")));
    }

    @Test
    void aPartnerWhoHasPaidNothingInReceivesNothing() {
        fixture.given(afterExit(committed(FUND, "后来者", 4, "1亿", "2024-01-01")))
                .when(distribute("DS1", FUND, "1000.00", "2024-09-01"))
                .expectEvents(distributed("DS1", FUND, "1000.00", "2024-09-01", part(CITY, 1, "400.00"),
                        part(NATIONAL, 2, "200.00"), part(PRIVATE, 3, "400.00")));
    }

    @Test
    void aDistributionAboveTheUndistributedProceedsIsRefused() {
        fixture.given(afterExit(distributed("DS1", FUND, "70000000.00", "2024-09-01", part(CITY, 1, "28000000.00"),
                        part(NATIONAL, 2, "14000000.00"), part(PRIVATE, 3, "28000000.00"))))
                .when(distribute("DS2", FUND, "5860000.01", "2024-10-01"))
                .expectException(refused("amountYuan", "distribution-exceeds-proceeds"))
                .expectNoEvents();
    }

    @Test
    void theRestOfTheProceedsMayBeDistributed() {
        fixture.given(afterExit(distributed("DS1", FUND, "70000000.00", "2024-09-01", part(CITY, 1, "28000000.00"),
                        part(NATIONAL, 2, "14000000.00"), part(PRIVATE, 3, "28000000.00"))))
                .when(distribute("DS2", FUND, "5860000.00", "2024-10-01"))
                .expectEvents(distributed("DS2", FUND, "5860000.00", "2024-10-01", part(CITY, 1, "2344000.00"),
                        part(NATIONAL, 2, "1172000.00"), part(PRIVATE, 3, "2344000.00")));
    }

    @Test
    void proceedsOfAnExitAfterTheDistributionsDateDoNotCount() {
        fixture.given(afterExit())
                .when(distribute("DS1", FUND, "1.00", "2024-08-05"))
                .expectException(refused("amountYuan", "distribution-exceeds-proceeds"))
                .expectNoEvents();
    }

    @Test
    void aDistributionRecordedLateMustFitEveryLaterDistribution() {
        fixture.given(afterExit(distributed("DS2", FUND, "75860000.00", "2024-10-01", part(CITY, 1, "30344000.00"),
                        part(NATIONAL, 2, "15172000.00"), part(PRIVATE, 3, "30344000.00"))))
                .when(distribute("DS1", FUND, "1.00", "2024-09-01"))
                .expectException(refused("amountYuan", "distribution-exceeds-proceeds"))
                .expectNoEvents();
    }

    @Test
    void aDistributionOfAnUnknownFundIsRefused() {
        fixture.given(afterExit())
                .when(distribute("DS1", "NOPE", "1.00", "2024-09-01"))
                .expectException(notFound("fundId", "unknown-fund"))
                .expectNoEvents();
    }

    @Test
    void theSameDistributionAgainIsADuplicate() {
        fixture.given(afterExit(distributed("DS1", FUND, "75860000.00", "2024-09-01", part(CITY, 1, "30344000.00"),
                        part(NATIONAL, 2, "15172000.00"), part(PRIVATE, 3, "30344000.00"))))
                .when(distribute("DS1", FUND, "75860000.00", "2024-09-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("DS1"));
    }

    @Test
    void theSameDistributionIdWithOtherContentIsAConflict() {
        fixture.given(afterExit(distributed("DS1", FUND, "1000.00", "2024-09-01", part(CITY, 1, "400.00"),
                        part(NATIONAL, 2, "200.00"), part(PRIVATE, 3, "400.00"))))
                .when(distribute("DS1", FUND, "1000.01", "2024-09-01"))
                .expectException(conflict("distributionId", "id-conflict"))
                .expectNoEvents();
    }
}
