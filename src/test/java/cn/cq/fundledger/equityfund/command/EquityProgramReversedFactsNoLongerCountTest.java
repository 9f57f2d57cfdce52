package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.equityfund.api.CloseDeal;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reversed fact is forgotten by every rule, and only that fact: the fund's other deals, the deal's other exits
 * and the fund's other distributions still count. The last exit of a deal takes the whole cost left, so the costs of
 * its exits add up to the deal's amount.
 */
class EquityProgramReversedFactsNoLongerCountTest extends EquityProgramTestSupport {

    private static final DealClosed D1 = dealClosed("D1", FUND, "1亿", "2020-08-01");

    /** The sample fund, its call of 3亿 (1.2亿, 0.6亿, 1.2亿) on 2020-06-30 and deal D1 of 1亿, then {@code more}. */
    private static List<Object> base(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), D1, List.of(more));
    }

    private static EquityFactReversed reversal(FactKind kind, String factId, String dealId, String projectId,
                                               String on, Money amount, Money cost, Ratio portion,
                                               List<PartnerAmount> parts) {
        return new EquityFactReversed(kind, factId, "event-x", "录入错误", null, FUND, dealId, projectId, day(on),
                amount, cost, portion, parts);
    }

    @Test
    void afterADealIsReversedTheFundsOtherDealsStillUseTheirCapital() {
        DealClosed d2 = dealClosed("D2", FUND, "0.5亿", "2021-04-01");
        List<Object> d2Reversed = base(d2, reversal(FactKind.DEAL, "D2", "D2", "P-D2", "2021-04-01", yuan("0.5亿"),
                Money.ZERO, null, List.of()));
        // 3亿 called, D1 takes 1亿: 2亿 are left
        fixture.given(d2Reversed)
                .when(new CloseDeal("D3", FUND, "P-D3", "公司D3", yuan("2.01亿"), bp(2500), day("2021-05-01")))
                .expectException(refused("amountYuan", "deal-exceeds-called-capital"))
                .expectNoEvents();
        fixture.given(d2Reversed)
                .when(new CloseDeal("D3", FUND, "P-D3", "公司D3", yuan("2亿"), bp(2500), day("2021-05-01")))
                .expectEvents(new DealClosed("D3", FUND, "P-D3", "公司D3", yuan("2亿"), bp(2500), day("2021-05-01")));
    }

    @Test
    void afterADealsLastExitIsReversedItsEarlierExitStillCounts() {
        DealExited x1 = exited("X1", D1, "0.4亿", 3000, yuan("0.3亿"), 7000, "2021-06-01");
        DealExited x2 = exited("X2", D1, "0.4亿", 3000, yuan("0.3亿"), 4000, "2021-09-01");
        List<Object> x2Reversed = base(x1, x2, reversal(FactKind.EXIT, "X2", "D1", "P-D1", "2021-09-01",
                yuan("0.4亿"), yuan("0.3亿"), bp(3000), List.of()));
        // 70% is held: more cannot be sold
        fixture.given(x2Reversed)
                .when(new RecordExit("X3", "D1", yuan("1亿"), bp(8000), day("2021-10-01")))
                .expectException(refused("portionPct", "exit-exceeds-holding"))
                .expectNoEvents();
        // an exit still follows X1
        fixture.given(x2Reversed)
                .when(new RecordExit("X3", "D1", yuan("1亿"), null, day("2021-05-01")))
                .expectException(refused("exitedOn", "date-order"))
                .expectNoEvents();
        // X1's proceeds of 0.4亿 are still there to distribute, X2's are not
        fixture.given(x2Reversed)
                .when(new MakeDistribution("DS1", FUND, yuan("0.41亿"), day("2021-10-01")))
                .expectException(refused("amountYuan", "distribution-exceeds-proceeds"))
                .expectNoEvents();
        fixture.given(x2Reversed)
                .when(new MakeDistribution("DS1", FUND, yuan("0.4亿"), day("2021-10-01")))
                .expectEvents(distributed("DS1", FUND, "0.4亿", "2021-10-01", part(CITY, 1, "1600万"),
                        part(NATIONAL, 2, "800万"), part(PRIVATE, 3, "1600万")));
    }

    @Test
    void afterADistributionIsReversedTheOthersStillCount() {
        List<PartnerAmount> parts = List.of(part(CITY, 1, "1200万"), part(NATIONAL, 2, "600万"),
                part(PRIVATE, 3, "1200万"));
        List<Object> ds2Reversed = base(fullyExited("X1", D1, "1亿", "2022-01-01"),
                distributed("DS1", FUND, "0.3亿", "2022-02-01", parts.toArray(new PartnerAmount[0])),
                distributed("DS2", FUND, "0.3亿", "2022-03-01", parts.toArray(new PartnerAmount[0])),
                reversal(FactKind.DISTRIBUTION, "DS2", null, null, "2022-03-01", yuan("0.3亿"), Money.ZERO, null,
                        parts));
        fixture.given(ds2Reversed)
                .when(new MakeDistribution("DS3", FUND, yuan("0.71亿"), day("2022-04-01")))
                .expectException(refused("amountYuan", "distribution-exceeds-proceeds"))
                .expectNoEvents();
        fixture.given(ds2Reversed)
                .when(new MakeDistribution("DS3", FUND, yuan("0.7亿"), day("2022-04-01")))
                .expectEvents(distributed("DS3", FUND, "0.7亿", "2022-04-01", part(CITY, 1, "2800万"),
                        part(NATIONAL, 2, "1400万"), part(PRIVATE, 3, "2800万")));
    }

    @Test
    void theLastExitTakesTheWholeCostLeft() {
        DealClosed deal = EquityProgramExitTest.DEAL; // 100.01 yuan
        // a third of 100.01 is 33.33 twice; the rest, 33.35, is more than a third
        fixture.given(EquityProgramExitTest.withDeal(
                        exited("X1", deal, "40", 3333, yuan("33.33"), 6667, "2021-01-01"),
                        exited("X2", deal, "40", 3333, yuan("33.33"), 3334, "2022-01-01")))
                .when(new RecordExit("X3", "D1", yuan("40"), null, day("2023-01-01")))
                .expectEvents(exited("X3", deal, "40", 3334, yuan("33.35"), 0, "2023-01-01"));
    }
}
