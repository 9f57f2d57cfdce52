package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.CapitalCommitted;
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
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * Corrections of equity facts: a reversal linked to the event that recorded the fact, with a mandatory reason, the
 * fact's own business date and exactly what it recorded (partners' parts included); optionally the corrected fact in
 * the same command, by the ordinary rules. The state forgets the reversed fact; a reversal that would leave later
 * facts resting on it is refused.
 *
 * <p>An expected reversal names the event it reverses "event-n", the n-th event of the given history, and is
 * checked against the identifier the fixture gave that event: the link is checked exactly.
 */
class EquityProgramCorrectionTest extends EquityProgramTestSupport {

    static final String REASON = "录入错误";
    static final DealClosed D1 = dealClosed("D1", FUND, "1亿", "2020-08-01");
    static final CapitalCalled C2 = called("C2", FUND, "1亿", "2021-03-01", part(CITY, 1, "4000万"),
            part(NATIONAL, 2, "2000万"), part(PRIVATE, 3, "4000万"));

    /** event-0 opened, 1 established, 2–4 commitments, 5 call EF1-C1 (3亿), 6 deal D1 (1亿), then {@code more}. */
    static List<Object> base(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), D1, List.of(more));
    }

    /**
     * The events a command applies, in order and no more: a reversal's {@code reversesEventId} "event-n" stands for
     * the identifier the fixture gave the n-th event of the history (its sequence number n), so the link is exact.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Matcher<List<EventMessage<?>>> events(Object... expected) {
        List<Matcher<?>> each = new ArrayList<>();
        for (Object payload : expected) {
            each.add(Matchers.messageWithPayload(new TypeSafeMatcher<>() {
                @Override
                protected boolean matchesSafely(Object actual) {
                    return actual.equals(linked(payload));
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

    private Object linked(Object payload) {
        if (!(payload instanceof EquityFactReversed r) || !r.reversesEventId().startsWith("event-")) {
            return payload;
        }
        long sequence = Long.parseLong(r.reversesEventId().substring("event-".length()));
        String eventId = fixture.getEventStore().readEvents(EquityProgram.ID).asStream()
                .filter(e -> e.getSequenceNumber() == sequence).findFirst().orElseThrow().getIdentifier();
        return new EquityFactReversed(r.kind(), r.factId(), eventId, r.reason(), r.replacedBy(), r.fundId(),
                r.dealId(), r.projectId(), r.businessDate(), r.amount(), r.exitedCost(), r.portion(), r.parts());
    }

    static ReverseEquityFact reverse(FactKind kind, String factId) {
        return new ReverseEquityFact(kind, factId, REASON, null);
    }

    static ReverseEquityFact reverse(FactKind kind, String factId, EquityFactCommand replacement) {
        return new ReverseEquityFact(kind, factId, REASON, replacement);
    }

    static EquityFactReversed reversed(FactKind kind, String factId, String eventId, String replacedBy, String fundId,
                                       String dealId, String projectId, String on, Money amount, Money cost,
                                       Ratio portion, List<PartnerAmount> parts) {
        return new EquityFactReversed(kind, factId, eventId, REASON, replacedBy, fundId, dealId, projectId, day(on),
                amount, cost, portion, parts);
    }

    static EquityFactReversed callReversed(CapitalCalled call, String eventId, String replacedBy) {
        return reversed(FactKind.CALL, call.callId(), eventId, replacedBy, call.fundId(), null, null,
                call.calledOn().toString(), call.amount(), Money.ZERO, null, call.parts());
    }

    static EquityFactReversed dealReversed(DealClosed deal, String eventId) {
        return reversed(FactKind.DEAL, deal.dealId(), eventId, null, deal.fundId(), deal.dealId(), deal.projectId(),
                deal.closedOn().toString(), deal.amount(), Money.ZERO, null, List.of());
    }

    // ------------------------------------------------------------ commitments

    @Test
    void aCommitmentIsReversedWithThePartnersPartAndRecordedAgainOnItsDay() {
        CapitalCommitted raise = committed(FUND, NATIONAL, 2, "1亿", "2021-01-10");
        fixture.given(base(raise))
                .when(reverse(FactKind.COMMITMENT, FUND + "/" + NATIONAL + "@2021-01-10"))
                .expectEventsMatching(events(reversed(FactKind.COMMITMENT, FUND + "/" + NATIONAL + "@2021-01-10",
                        "event-7", null, FUND, null, null, "2021-01-10", yuan("1亿"), Money.ZERO, null,
                        List.of(part(NATIONAL, 2, "1亿")))))
                .expectResultMessagePayload(Recorded.applied("COMMITMENT:" + FUND + "/" + NATIONAL + "@2021-01-10"));
        // the key is free again: the right amount on the same day is a new commitment
        fixture.given(base(raise, reversed(FactKind.COMMITMENT, FUND + "/" + NATIONAL + "@2021-01-10",
                        "event-7", null, FUND, null, null, "2021-01-10", yuan("1亿"), Money.ZERO, null,
                        List.of(part(NATIONAL, 2, "1亿")))))
                .when(new RecordCommitment(FUND, FUND_NAME, NATIONAL, yuan("1.5亿"), day("2021-01-10")))
                .expectEventsMatching(events(committed(FUND, NATIONAL, 2, "1.5亿", "2021-01-10")));
    }

    @Test
    void aReversedCommitmentNoLongerCountsForCalls() {
        List<Object> withoutCity = history(OPENED, sampleFund(FUND), reversed(FactKind.COMMITMENT,
                FUND + "/" + CITY + "@" + COMMITTED_ON, "event-2", null, FUND, null, null, COMMITTED_ON, yuan("4亿"),
                Money.ZERO, null, List.of(part(CITY, 1, "4亿"))));
        // 2亿 + 4亿 remain: a call of 6亿 is shared between the other two, a call above it refused
        fixture.given(withoutCity)
                .when(new CallCapital("C1", FUND, yuan("6亿"), day("2020-06-30")))
                .expectEvents(called("C1", FUND, "6亿", "2020-06-30", part(NATIONAL, 2, "2亿"),
                        part(PRIVATE, 3, "4亿")));
        fixture.given(withoutCity)
                .when(new CallCapital("C1", FUND, yuan("6.01亿"), day("2020-06-30")))
                .expectException(refused("amountYuan", "call-exceeds-commitments"))
                .expectNoEvents();
    }

    @Test
    void aCommitmentThatCallsWereSharedOnCannotBeReversed() {
        fixture.given(base())
                .when(reverse(FactKind.COMMITMENT, FUND + "/" + CITY + "@" + COMMITTED_ON))
                .expectException(refused("factId", "commitment-shared-in-calls"))
                .expectNoEvents();
    }

    @Test
    void aCommitmentMovedToAnotherDayBeforeTheCallsKeepsTheirBasis() {
        String factId = FUND + "/" + CITY + "@" + COMMITTED_ON;
        fixture.given(base())
                .when(reverse(FactKind.COMMITMENT, factId, new RecordCommitment(FUND, FUND_NAME, CITY, yuan("4亿"),
                        day("2020-06-01"))))
                .expectEventsMatching(events(reversed(FactKind.COMMITMENT, factId, "event-2",
                                FUND + "/" + CITY + "@2020-06-01", FUND, null, null, COMMITTED_ON, yuan("4亿"),
                                Money.ZERO, null,
                                List.of(part(CITY, 1, "4亿"))),
                        committed(FUND, CITY, 1, "4亿", "2020-06-01")));
        // another amount changes the basis of the call of 2020-06-30
        fixture.given(base())
                .when(reverse(FactKind.COMMITMENT, factId, new RecordCommitment(FUND, FUND_NAME, CITY, yuan("5亿"),
                        day(COMMITTED_ON))))
                .expectException(refused("factId", "commitment-shared-in-calls"))
                .expectNoEvents();
    }

    @Test
    void theSameCorrectionAgainIsADuplicateEvenWhenItsReplacementTookTheSameKey() {
        String factId = FUND + "/" + NATIONAL + "@2021-01-10";
        CapitalCommitted raise = committed(FUND, NATIONAL, 2, "1亿", "2021-01-10");
        RecordCommitment right = new RecordCommitment(FUND, FUND_NAME, NATIONAL, yuan("1.5亿"), day("2021-01-10"));
        List<Object> corrected = base(raise, reversed(FactKind.COMMITMENT, factId, "event-7", factId, FUND, null,
                null, "2021-01-10", yuan("1亿"), Money.ZERO, null, List.of(part(NATIONAL, 2, "1亿"))),
                committed(FUND, NATIONAL, 2, "1.5亿", "2021-01-10"));
        fixture.given(corrected)
                .when(reverse(FactKind.COMMITMENT, factId, right))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("COMMITMENT:" + factId));
        fixture.given(corrected)
                .when(reverse(FactKind.COMMITMENT, factId, new RecordCommitment(FUND, FUND_NAME, NATIONAL,
                        yuan("1.6亿"), day("2021-01-10"))))
                .expectException(conflict("replacement", "id-conflict"))
                .expectNoEvents();
        // the replacement itself may be corrected, for another reason
        fixture.given(corrected)
                .when(new ReverseEquityFact(FactKind.COMMITMENT, factId, "复核后更正", null))
                .expectEventsMatching(events(new EquityFactReversed(FactKind.COMMITMENT, factId, "event-9",
                        "复核后更正", null, FUND, null, null, day("2021-01-10"), yuan("1.5亿"), Money.ZERO, null,
                        List.of(part(NATIONAL, 2, "1.5亿")))));
    }

    // ------------------------------------------------------------ calls

    @Test
    void aCallIsReversedWithExactlyThePartsItRecorded() {
        fixture.given(base(C2))
                .when(reverse(FactKind.CALL, "C2"))
                .expectEventsMatching(events(callReversed(C2, "event-7", null)))
                .expectResultMessagePayload(Recorded.applied("CALL:C2"));
    }

    @Test
    void aCallTheDealsNeedCannotBeReversedUnlessReplaced() {
        fixture.given(base())
                .when(reverse(FactKind.CALL, FUND + "-C1"))
                .expectException(refused("factId", "call-funds-deals"))
                .expectNoEvents();
        CapitalCalled first = sampleCall(FUND, "2020-06-30");
        fixture.given(base())
                .when(reverse(FactKind.CALL, FUND + "-C1", new CallCapital("C1b", null, yuan("3亿"),
                        day("2020-06-30"))))
                .expectEventsMatching(events(callReversed(first, "event-5", "C1b"), called("C1b", FUND, "3亿",
                        "2020-06-30", part(CITY, 1, "1.2亿"), part(NATIONAL, 2, "0.6亿"), part(PRIVATE, 3, "1.2亿"))));
    }

    @Test
    void aCallADistributionWasSharedOnCannotBeReversed() {
        DealExited exit = fullyExited("X1", D1, "2亿", "2022-01-01");
        DistributionMade distribution = distributed("DS1", FUND, "1亿", "2022-02-01", part(CITY, 1, "4000万"),
                part(NATIONAL, 2, "2000万"), part(PRIVATE, 3, "4000万"));
        fixture.given(base(C2, exit, distribution))
                .when(reverse(FactKind.CALL, "C2"))
                .expectException(refused("factId", "call-shared-in-distributions"))
                .expectNoEvents();
        // a call dated after the distribution was not part of its basis
        CapitalCalled later = called("C3", FUND, "1亿", "2022-03-01", part(CITY, 1, "4000万"),
                part(NATIONAL, 2, "2000万"), part(PRIVATE, 3, "4000万"));
        fixture.given(base(C2, exit, distribution, later))
                .when(reverse(FactKind.CALL, "C3"))
                .expectEventsMatching(events(callReversed(later, "event-10", null)));
    }

    @Test
    void aReversedCallFreesNoIdButItsCapital() {
        List<Object> reversedC2 = base(C2, callReversed(C2, "event-7", null));
        // 3亿 called, 1亿 invested: a deal of 2.5亿 exceeds what is left once C2 is reversed
        fixture.given(reversedC2)
                .when(new CloseDeal("D2", FUND, "P-D2", "公司D2", yuan("2.5亿"), bp(1000), day("2021-06-01")))
                .expectException(refused("amountYuan", "deal-exceeds-called-capital"))
                .expectNoEvents();
        fixture.given(reversedC2)
                .when(new CallCapital("C2", FUND, yuan("1亿"), day("2021-03-01")))
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("C2"));
        fixture.given(reversedC2)
                .when(new CallCapital("C2", FUND, yuan("2亿"), day("2021-03-01")))
                .expectException(conflict("callId", "id-conflict"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ deals

    @Test
    void aDealIsReversedAndItsCapitalIsFree() {
        fixture.given(base())
                .when(reverse(FactKind.DEAL, "D1"))
                .expectEventsMatching(events(dealReversed(D1, "event-6")));
        fixture.given(base(dealReversed(D1, "event-6")))
                .when(new CloseDeal("D2", FUND, "P-D1", "公司D1", yuan("3亿"), bp(2500), day("2020-08-01")))
                .expectEvents(new DealClosed("D2", FUND, "P-D1", "公司D1", yuan("3亿"), bp(2500),
                        day("2020-08-01")));
    }

    @Test
    void aReversedDealTakesNoMarkOrExit() {
        List<Object> reversedD1 = base(dealReversed(D1, "event-6"));
        fixture.given(reversedD1)
                .when(new MarkDeal("D1", yuan("2亿"), ValuationMethod.APPRAISAL, day("2021-12-31")))
                .expectException(refused("dealId", "deal-reversed"))
                .expectNoEvents();
        fixture.given(reversedD1)
                .when(new RecordExit("X1", "D1", yuan("2亿"), null, day("2022-01-01")))
                .expectException(refused("dealId", "deal-reversed"))
                .expectNoEvents();
        fixture.given(reversedD1)
                .when(new CloseDeal("D1", FUND, "P-D1", "公司D1", yuan("9000万"), bp(2500), day("2020-08-01")))
                .expectException(conflict("dealId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aDealWithMarksOrExitsCannotBeReversed() {
        fixture.given(base(marked(D1, "1.5亿", ValuationMethod.APPRAISAL, "2021-12-31")))
                .when(reverse(FactKind.DEAL, "D1"))
                .expectException(refused("factId", "deal-has-marks"))
                .expectNoEvents();
        fixture.given(base(fullyExited("X1", D1, "2亿", "2022-01-01")))
                .when(reverse(FactKind.DEAL, "D1"))
                .expectException(refused("factId", "deal-has-exits"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ marks

    @Test
    void aMarkIsReversedAndItsDayTakesTheCorrectValueInTheSameCommand() {
        DealMarked wrong = marked(D1, "15亿", ValuationMethod.APPRAISAL, "2021-12-31");
        EquityFactReversed reversal = reversed(FactKind.MARK, "D1@2021-12-31", "event-7", "D1@2021-12-31", FUND,
                "D1", null, "2021-12-31", yuan("15亿"), Money.ZERO, null, List.of());
        fixture.given(base(wrong))
                .when(reverse(FactKind.MARK, "D1@2021-12-31", new MarkDeal(null, yuan("1.5亿"),
                        ValuationMethod.APPRAISAL, day("2021-12-31"))))
                .expectEventsMatching(events(reversal, marked(D1, "1.5亿", ValuationMethod.APPRAISAL, "2021-12-31")));
        fixture.given(base(wrong))
                .when(reverse(FactKind.MARK, "D1@2021-12-30"))
                .expectException(notFound("factId", "unknown-fact"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ exits

    @Test
    void onlyADealsLastExitCanBeReversedAndTheHoldingIsBackAfterIt() {
        DealClosed deal = EquityProgramExitTest.DEAL;
        DealExited first = exited("X1", deal, "60", 4000, yuan("40.00"), 6000, "2022-01-01");
        DealExited second = exited("X2", deal, "90", 6000, yuan("60.01"), 0, "2023-01-01");
        List<Object> exitedTwice = EquityProgramExitTest.withDeal(first, second);
        fixture.given(exitedTwice)
                .when(reverse(FactKind.EXIT, "X1"))
                .expectException(refused("factId", "exit-not-last"))
                .expectNoEvents();
        EquityFactReversed reversal = reversed(FactKind.EXIT, "X2", "event-8", null, FUND, "D1", "P-D1",
                "2023-01-01", yuan("90"), yuan("60.01"), bp(6000), List.of());
        fixture.given(exitedTwice)
                .when(reverse(FactKind.EXIT, "X2"))
                .expectEventsMatching(events(reversal));
        // 60% is held again: a full exit sells it, at the rest of the cost
        fixture.given(history(exitedTwice, reversal))
                .when(new RecordExit("X3", "D1", yuan("95"), null, day("2023-02-01")))
                .expectEventsMatching(events(exited("X3", deal, "95", 6000, yuan("60.01"), 0, "2023-02-01")));
    }

    @Test
    void anExitAMarkValuedTheHoldingAfterCannotBeReversed() {
        DealClosed deal = EquityProgramExitTest.DEAL;
        DealExited part = exited("X1", deal, "60", 4000, yuan("40.00"), 6000, "2022-01-01");
        fixture.given(EquityProgramExitTest.withDeal(part, marked(deal, "80", ValuationMethod.APPRAISAL,
                        "2022-06-30")))
                .when(reverse(FactKind.EXIT, "X1"))
                .expectException(refused("factId", "exit-valued-by-marks"))
                .expectNoEvents();
        // a mark before the exit valued the whole holding either way
        fixture.given(EquityProgramExitTest.withDeal(marked(deal, "80", ValuationMethod.APPRAISAL,
                        "2021-06-30"), part))
                .when(reverse(FactKind.EXIT, "X1"))
                .expectEventsMatching(events(reversed(FactKind.EXIT, "X1", "event-8", null, FUND, "D1", "P-D1",
                        "2022-01-01", yuan("60"), yuan("40.00"), bp(4000), List.of())));
    }

    @Test
    void anExitWhoseProceedsWereDistributedCannotBeReversedUnlessReplacedByEnough() {
        DealClosed deal = EquityProgramExitTest.DEAL;
        DealExited exit = fullyExited("X1", deal, "200", "2024-08-06");
        DistributionMade distribution = distributed("DS1", FUND, "150", "2024-09-01", part(CITY, 1, "60"),
                part(NATIONAL, 2, "30"), part(PRIVATE, 3, "60"));
        List<Object> distributedHistory = EquityProgramExitTest.withDeal(exit, distribution);
        fixture.given(distributedHistory)
                .when(reverse(FactKind.EXIT, "X1"))
                .expectException(refused("factId", "exit-proceeds-distributed"))
                .expectNoEvents();
        fixture.given(distributedHistory)
                .when(reverse(FactKind.EXIT, "X1", new RecordExit("X1b", null, yuan("140"), null, day("2024-08-06"))))
                .expectException(refused("factId", "exit-proceeds-distributed"))
                .expectNoEvents();
        fixture.given(distributedHistory)
                .when(reverse(FactKind.EXIT, "X1", new RecordExit("X1b", null, yuan("180"), null, day("2024-08-06"))))
                .expectEventsMatching(events(reversed(FactKind.EXIT, "X1", "event-7", "X1b", FUND, "D1", "P-D1",
                        "2024-08-06", yuan("200"), yuan("100.01"), bp(Ratio.ONE), List.of()),
                        fullyExited("X1b", deal, "180",
                        "2024-08-06")));
    }

    // ------------------------------------------------------------ distributions

    @Test
    void aDistributionIsReversedWithThePartsItRecorded() {
        DistributionMade distribution = distributed("DS1", FUND, "100.00", "2022-02-01", part(CITY, 1, "40.00"),
                part(NATIONAL, 2, "20.00"), part(PRIVATE, 3, "40.00"));
        fixture.given(base(fullyExited("X1", D1, "2亿", "2022-01-01"), distribution))
                .when(reverse(FactKind.DISTRIBUTION, "DS1"))
                .expectEventsMatching(events(reversed(FactKind.DISTRIBUTION, "DS1", "event-8", null, FUND, null, null,
                        "2022-02-01", yuan("100.00"), Money.ZERO, null, distribution.parts())));
    }

    // ------------------------------------------------------------ the correction itself

    @Test
    void aReasonIsMandatory() {
        fixture.given(base(C2))
                .when(new ReverseEquityFact(FactKind.CALL, "C2", "  ", null))
                .expectException(invalid("reason", "required"))
                .expectNoEvents();
        fixture.given(base(C2))
                .when(new ReverseEquityFact(FactKind.CALL, "C2", "错".repeat(cn.cq.fundledger.core.Require.MAX_REASON + 1), null))
                .expectException(invalid("reason", "max-length"))
                .expectNoEvents();
    }

    @Test
    void anUnknownFactIsNotFound() {
        fixture.given(base())
                .when(reverse(FactKind.CALL, "NOPE"))
                .expectException(notFound("factId", "unknown-fact"))
                .expectNoEvents();
        // a deal's id is not a call's
        fixture.given(base())
                .when(reverse(FactKind.CALL, "D1"))
                .expectException(notFound("factId", "unknown-fact"))
                .expectNoEvents();
    }

    @Test
    void theSameReversalAgainIsADuplicateAndAnotherReasonAConflict() {
        List<Object> reversedC2 = base(C2, callReversed(C2, "event-7", null));
        fixture.given(reversedC2)
                .when(reverse(FactKind.CALL, "C2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("CALL:C2"));
        fixture.given(reversedC2)
                .when(new ReverseEquityFact(FactKind.CALL, "C2", "另一个理由", null))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
        // the same reason with a replacement it did not have
        fixture.given(reversedC2)
                .when(reverse(FactKind.CALL, "C2", new CallCapital("C2b", FUND, yuan("1亿"), day("2021-03-01"))))
                .expectException(conflict("replacement", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aReplacementThatBreaksARuleRecordsNothingAndNamesItsField() {
        fixture.given(base(C2))
                .when(reverse(FactKind.CALL, "C2", new CallCapital("C2b", null, yuan("8亿"), day("2021-03-01"))))
                .expectException(refused("replacement.amountYuan", "call-exceeds-commitments"))
                .expectNoEvents();
        fixture.given(base(C2))
                .when(reverse(FactKind.CALL, "C2", new CallCapital("C2b", "EF9", yuan("1亿"), day("2021-03-01"))))
                .expectException(notFound("replacement.fundId", "unknown-fund"))
                .expectNoEvents();
    }

    @Test
    void aReplacementIsANewFactOfTheSameKind() {
        fixture.given(base(C2))
                .when(reverse(FactKind.CALL, "C2", new CallCapital("C2", null, yuan("1亿"), day("2021-03-01"))))
                .expectException(conflict("replacement.callId", "replacement-not-new"))
                .expectNoEvents();
        fixture.given(base(C2))
                .when(reverse(FactKind.CALL, "C2", new MakeDistribution("DS9", FUND, yuan("1"), day("2021-03-01"))))
                .expectException(invalid("replacement", "replacement-kind"))
                .expectNoEvents();
    }
}
