package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.CloseDeal;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.DealMarked;
import cn.cq.fundledger.equityfund.api.DistributionMade;
import cn.cq.fundledger.equityfund.api.EquityFactCommand;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.RecordCommitment;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * A correction of any kind of equity fact, sent again for the same reason: with the same corrected fact (a call, a
 * distribution, a mark or an exit may leave out the fund or the deal: it is the reversed fact's) it is a duplicate
 * and records nothing; with another corrected fact, or none, it is a conflict.
 */
class EquityProgramCorrectionSentAgainTest extends EquityProgramTestSupport {

    private static final String REASON = "录入错误";
    private static final DealClosed D1 = dealClosed("D1", FUND, "1亿", "2020-08-01");

    /** The sample fund, its call of 3亿 (1.2亿, 0.6亿, 1.2亿) on 2020-06-30 and deal D1 of 1亿, then {@code more}. */
    private static List<Object> base(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), D1, List.of(more));
    }

    /** The events a command applies, in order and no more; a reversal is linked to some stored event. */
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

    /**
     * The correction records the reversal and the corrected fact; sent again it is a duplicate; sent again with
     * another corrected fact or without one, a conflict.
     */
    private void correctedOnce(List<Object> history, FactKind kind, String factId, EquityFactCommand replacement,
                               EquityFactReversed reversal, Object corrected, EquityFactCommand... others) {
        String key = kind + ":" + factId;
        fixture.given(history)
                .when(new ReverseEquityFact(kind, factId, REASON, replacement))
                .expectEventsMatching(events(reversal, corrected))
                .expectResultMessagePayload(Recorded.applied(key));
        List<Object> done = history(history, reversal, corrected);
        fixture.given(done)
                .when(new ReverseEquityFact(kind, factId, REASON, replacement))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf(key));
        for (EquityFactCommand another : others) {
            fixture.given(done)
                    .when(new ReverseEquityFact(kind, factId, REASON, another))
                    .expectException(conflict("replacement", "id-conflict"))
                    .expectExceptionMessage(containsString("was already corrected for this reason, replaced by "
                            + reversal.replacedBy() + " as recorded"))
                    .expectNoEvents();
        }
        fixture.given(done)
                .when(new ReverseEquityFact(kind, factId, REASON, null))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aCorrectedCallOfTheSameFund() {
        CapitalCalled c2 = called("C2", FUND, "1亿", "2021-03-01", part(CITY, 1, "4000万"), part(NATIONAL, 2, "2000万"),
                part(PRIVATE, 3, "4000万"));
        correctedOnce(base(c2), FactKind.CALL, "C2",
                new CallCapital("C2-R", null, yuan("0.9亿"), day("2021-03-01")),
                reversal(FactKind.CALL, "C2", "C2-R", null, null, "2021-03-01", yuan("1亿"), Money.ZERO, null,
                        c2.parts()),
                called("C2-R", FUND, "0.9亿", "2021-03-01", part(CITY, 1, "3600万"), part(NATIONAL, 2, "1800万"),
                        part(PRIVATE, 3, "3600万")),
                new CallCapital("C2-R", null, yuan("0.8亿"), day("2021-03-01")),
                new CallCapital("C2-S", null, yuan("0.9亿"), day("2021-03-01")));
    }

    @Test
    void aCorrectedDeal() {
        DealClosed d2 = dealClosed("D2", FUND, "0.5亿", "2021-04-01");
        CloseDeal right = new CloseDeal("D2-R", FUND, "P-D2", "公司D2", yuan("0.4亿"), bp(2500), day("2021-04-01"));
        correctedOnce(base(d2), FactKind.DEAL, "D2", right,
                reversal(FactKind.DEAL, "D2", "D2-R", "D2", "P-D2", "2021-04-01", yuan("0.5亿"), Money.ZERO, null,
                        List.of()),
                new DealClosed("D2-R", FUND, "P-D2", "公司D2", yuan("0.4亿"), bp(2500), day("2021-04-01")),
                new CloseDeal("D2-R", FUND, "P-D2", "公司D2", yuan("0.4亿"), bp(2000), day("2021-04-01")));
    }

    @Test
    void aCorrectedMarkOfTheSameDeal() {
        DealMarked mark = marked(D1, "1.2亿", ValuationMethod.APPRAISAL, "2021-06-30");
        correctedOnce(base(mark), FactKind.MARK, "D1@2021-06-30",
                new MarkDeal(null, yuan("1.3亿"), ValuationMethod.APPRAISAL, day("2021-06-30")),
                reversal(FactKind.MARK, "D1@2021-06-30", "D1@2021-06-30", "D1", null, "2021-06-30", yuan("1.2亿"),
                        Money.ZERO, null, List.of()),
                marked(D1, "1.3亿", ValuationMethod.APPRAISAL, "2021-06-30"),
                new MarkDeal(null, yuan("1.4亿"), ValuationMethod.APPRAISAL, day("2021-06-30")),
                new MarkDeal(null, yuan("1.3亿"), ValuationMethod.APPRAISAL, day("2021-07-01")),
                new MarkDeal("D2", yuan("1.3亿"), ValuationMethod.APPRAISAL, day("2021-06-30")));
    }

    @Test
    void aCorrectedExitOfTheSameDeal() {
        DealExited exit = fullyExited("X1", D1, "1.5亿", "2022-01-01");
        correctedOnce(base(exit), FactKind.EXIT, "X1",
                new RecordExit("X1-R", null, yuan("1.6亿"), null, day("2022-01-01")),
                reversal(FactKind.EXIT, "X1", "X1-R", "D1", "P-D1", "2022-01-01", yuan("1.5亿"), yuan("1亿"),
                        Ratio.HUNDRED_PERCENT, List.of()),
                fullyExited("X1-R", D1, "1.6亿", "2022-01-01"),
                new RecordExit("X1-R", null, yuan("1.6亿"), null, day("2022-01-02")),
                new RecordExit("X1-S", null, yuan("1.6亿"), null, day("2022-01-01")));
    }

    @Test
    void aCorrectedDistributionOfTheSameFund() {
        DistributionMade ds1 = distributed("DS1", FUND, "1亿", "2022-02-01", part(CITY, 1, "4000万"),
                part(NATIONAL, 2, "2000万"), part(PRIVATE, 3, "4000万"));
        correctedOnce(base(fullyExited("X1", D1, "1.5亿", "2022-01-01"), ds1), FactKind.DISTRIBUTION, "DS1",
                new MakeDistribution("DS1-R", null, yuan("0.5亿"), day("2022-02-01")),
                reversal(FactKind.DISTRIBUTION, "DS1", "DS1-R", null, null, "2022-02-01", yuan("1亿"), Money.ZERO,
                        null, ds1.parts()),
                distributed("DS1-R", FUND, "0.5亿", "2022-02-01", part(CITY, 1, "2000万"), part(NATIONAL, 2, "1000万"),
                        part(PRIVATE, 3, "2000万")),
                new MakeDistribution("DS1-R", null, yuan("0.5亿"), day("2022-02-02")),
                new MakeDistribution("DS1-S", null, yuan("0.5亿"), day("2022-02-01")));
    }

    @Test
    void aCorrectedCommitment() {
        String factId = FUND + "/" + NATIONAL + "@2021-01-10";
        correctedOnce(base(committed(FUND, NATIONAL, 2, "1亿", "2021-01-10")), FactKind.COMMITMENT, factId,
                new RecordCommitment(FUND, FUND_NAME, NATIONAL, yuan("1.5亿"), day("2021-01-10")),
                reversal(FactKind.COMMITMENT, factId, factId, null, null, "2021-01-10", yuan("1亿"), Money.ZERO, null,
                        List.of(part(NATIONAL, 2, "1亿"))),
                committed(FUND, NATIONAL, 2, "1.5亿", "2021-01-10"),
                new RecordCommitment(FUND, FUND_NAME, NATIONAL, yuan("1.6亿"), day("2021-01-10")),
                new RecordCommitment(FUND, FUND_NAME, NATIONAL, yuan("1.5亿"), day("2021-01-11")),
                new RecordCommitment(FUND, FUND_NAME, PRIVATE, yuan("1.5亿"), day("2021-01-10")),
                new RecordCommitment(OTHER_FUND, FUND_NAME, NATIONAL, yuan("1.5亿"), day("2021-01-10")));
    }

    @Test
    void aCorrectionWithoutACorrectedFactIsADuplicateAfterLaterFactsToo() {
        DealMarked mark = marked(D1, "1.2亿", ValuationMethod.APPRAISAL, "2021-06-30");
        EquityFactReversed reversal = reversal(FactKind.MARK, "D1@2021-06-30", null, "D1", null, "2021-06-30",
                yuan("1.2亿"), Money.ZERO, null, List.of());
        fixture.given(base(mark, reversal, marked(D1, "1.1亿", ValuationMethod.APPRAISAL, "2021-12-31")))
                .when(new ReverseEquityFact(FactKind.MARK, "D1@2021-06-30", REASON, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("MARK:D1@2021-06-30"));
    }

    @Test
    void aCorrectionWithoutACorrectedFactSentAgainWithOneIsAConflict() {
        DealMarked mark = marked(D1, "1.2亿", ValuationMethod.APPRAISAL, "2021-06-30");
        EquityFactReversed reversal = reversal(FactKind.MARK, "D1@2021-06-30", null, "D1", null, "2021-06-30",
                yuan("1.2亿"), Money.ZERO, null, List.of());
        fixture.given(base(mark, reversal))
                .when(new ReverseEquityFact(FactKind.MARK, "D1@2021-06-30", REASON,
                        new MarkDeal(null, yuan("1.3亿"), ValuationMethod.APPRAISAL, day("2021-06-30"))))
                .expectException(conflict("replacement", "id-conflict"))
                .expectExceptionMessage(containsString("was already corrected for this reason, without a replacement"))
                .expectNoEvents();
    }
}
