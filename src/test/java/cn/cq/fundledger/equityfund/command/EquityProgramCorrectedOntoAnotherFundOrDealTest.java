package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.DealMarked;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * A fact recorded on the wrong fund or deal is corrected by a fact that names the right one: a corrected call,
 * mark or exit that names its fund or deal is recorded there (only one that leaves it out is the reversed fact's).
 * A corrected exit that keeps the portion and date keeps the holding that later marks valued.
 */
class EquityProgramCorrectedOntoAnotherFundOrDealTest extends EquityProgramTestSupport {

    private static final String REASON = "录入错误";
    private static final DealClosed D1 = dealClosed("D1", FUND, "1亿", "2020-08-01");
    private static final DealClosed D2 = dealClosed("D2", FUND, "0.5亿", "2020-09-01");

    private static List<Object> base(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), D1, D2, sampleFund(OTHER_FUND),
                List.of(more));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<EventMessage<?>>> events(Object... expected) {
        List<Matcher<?>> each = new ArrayList<>();
        for (Object payload : expected) {
            each.add(Matchers.messageWithPayload(new TypeSafeMatcher<>() {
                @Override
                protected boolean matchesSafely(Object actual) {
                    return unlinked(actual).equals(unlinked(payload));
                }

                @Override
                public void describeTo(Description description) {
                    description.appendValue(payload);
                }
            }));
        }
        each.add(Matchers.andNoMore());
        return (Matcher) Matchers.exactSequenceOf(each.toArray(new Matcher[0]));
    }

    private static Object unlinked(Object payload) {
        if (!(payload instanceof EquityFactReversed r)) {
            return payload;
        }
        return new EquityFactReversed(r.kind(), r.factId(), "linked", r.reason(), r.replacedBy(), r.fundId(),
                r.dealId(), r.projectId(), r.businessDate(), r.amount(), r.exitedCost(), r.portion(), r.parts());
    }

    private static EquityFactReversed reversal(FactKind kind, String factId, String replacedBy, String dealId,
                                               String projectId, String on, Money amount, Money cost, Ratio portion,
                                               List<PartnerAmount> parts) {
        return new EquityFactReversed(kind, factId, "event-x", REASON, replacedBy, FUND, dealId, projectId, day(on),
                amount, cost, portion, parts);
    }

    @Test
    void aCallRecordedOnTheWrongFundIsCorrectedOntoTheRightOne() {
        CapitalCalled c2 = called("C2", FUND, "1亿", "2021-03-01", part(CITY, 1, "4000万"), part(NATIONAL, 2, "2000万"),
                part(PRIVATE, 3, "4000万"));
        fixture.given(base(c2))
                .when(new ReverseEquityFact(FactKind.CALL, "C2", REASON,
                        new CallCapital("C2-R", OTHER_FUND, yuan("1亿"), day("2021-03-01"))))
                .expectEventsMatching(events(
                        reversal(FactKind.CALL, "C2", "C2-R", null, null, "2021-03-01", yuan("1亿"), Money.ZERO, null,
                                c2.parts()),
                        called("C2-R", OTHER_FUND, "1亿", "2021-03-01", part(CITY, 1, "4000万"),
                                part(NATIONAL, 2, "2000万"), part(PRIVATE, 3, "4000万"))));
    }

    @Test
    void aMarkRecordedOnTheWrongDealIsCorrectedOntoTheRightOne() {
        DealMarked mark = marked(D1, "1.2亿", ValuationMethod.APPRAISAL, "2021-06-30");
        fixture.given(base(mark))
                .when(new ReverseEquityFact(FactKind.MARK, "D1@2021-06-30", REASON,
                        new MarkDeal("D2", yuan("1.2亿"), ValuationMethod.APPRAISAL, day("2021-06-30"))))
                .expectEventsMatching(events(
                        reversal(FactKind.MARK, "D1@2021-06-30", "D2@2021-06-30", "D1", null, "2021-06-30",
                                yuan("1.2亿"), Money.ZERO, null, List.of()),
                        marked(D2, "1.2亿", ValuationMethod.APPRAISAL, "2021-06-30")));
    }

    @Test
    void anExitRecordedOnTheWrongDealIsCorrectedOntoTheRightOne() {
        DealExited exit = fullyExited("X1", D1, "1.5亿", "2022-01-01");
        fixture.given(base(exit))
                .when(new ReverseEquityFact(FactKind.EXIT, "X1", REASON,
                        new RecordExit("X1-R", "D2", yuan("1.5亿"), null, day("2022-01-01"))))
                .expectEventsMatching(events(
                        reversal(FactKind.EXIT, "X1", "X1-R", "D1", "P-D1", "2022-01-01", yuan("1.5亿"), yuan("1亿"),
                                Ratio.HUNDRED_PERCENT, List.of()),
                        fullyExited("X1-R", D2, "1.5亿", "2022-01-01")));
    }

    @Test
    void anExitCorrectedForItsProceedsKeepsTheHoldingItsLaterMarksValued() {
        DealExited half = exited("X1", D1, "0.6亿", 5000, yuan("0.5亿"), 5000, "2022-01-01");
        DealMarked later = marked(D1, "0.7亿", ValuationMethod.APPRAISAL, "2022-06-30");
        fixture.given(base(half, later))
                .when(new ReverseEquityFact(FactKind.EXIT, "X1", REASON,
                        new RecordExit("X1-R", null, yuan("0.65亿"), bp(5000), day("2022-01-01"))))
                .expectEventsMatching(events(
                        reversal(FactKind.EXIT, "X1", "X1-R", "D1", "P-D1", "2022-01-01", yuan("0.6亿"), yuan("0.5亿"),
                                bp(5000), List.of()),
                        exited("X1-R", D1, "0.65亿", 5000, yuan("0.5亿"), 5000, "2022-01-01")));
        // another portion changes the holding the mark of 2022-06-30 valued
        fixture.given(base(half, later))
                .when(new ReverseEquityFact(FactKind.EXIT, "X1", REASON,
                        new RecordExit("X1-R", null, yuan("0.65亿"), bp(4000), day("2022-01-01"))))
                .expectException(refused("factId", "exit-valued-by-marks"))
                .expectNoEvents();
    }
}
