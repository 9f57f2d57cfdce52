package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.RaiseSeedCommitment;
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
import cn.cq.fundledger.seedfund.api.ReverseSeedFact;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFactCommand;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import cn.cq.fundledger.seedfund.api.SeedFactReversed;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Corrections of seed facts: a wrongly recorded investment, exit, commitment raise or follow-on round is never
 * edited; its reversal is recorded, linked to the event that recorded it, with a mandatory reason and the fact's
 * own business date, and optionally the corrected fact right after it, by the ordinary rules.
 *
 * <pre>
 * GX 100万 (2016-01-15), raised by 100万 on 2017-01-01 (R1)
 * I1 GX P1 equity 5% 50万 2018-03-28         FR1 P1 200万 post 2000万 2019-01-01
 * I2 GX P2 loan      30万 2018-08-17         X2  I2 repaid 30万 2019-01-01
 * I3 GX P3 equity 10% 40万 2018-09-01        (GX holds 120万 from 2018-09-01: the raise is needed since then)
 * </pre>
 */
class SeedProgramCorrectionTest extends SeedProgramTestSupport {

    private static final SeedFundEstablished GX = fund(GAOXIN, wan(100));
    private static final SeedCommitmentRaised R1 = new SeedCommitmentRaised("R1", GAOXIN, wan(100), day("2017-01-01"));
    private static final SeedInvestmentMade I1 = made(equity("I1", GAOXIN, P1, wan(50), 500, "2018-03-28"));
    private static final SeedInvestmentMade I2 = made(loan("I2", GAOXIN, P2, wan(30), "2018-08-17"));
    private static final SeedInvestmentMade I3 = made(equity("I3", GAOXIN, "P0003", wan(40), 1000, "2018-09-01"));
    private static final SeedInvestmentExited X2 = exited("X2", I2, ExitRoute.REPAID, wan(30), wan(12), "2019-01-01");
    private static final FollowOnRoundRecorded FR1 = new FollowOnRoundRecorded("FR1", P1, "某天使投资", wan(200),
            wan(2000), day("2019-01-01"));

    private static List<Object> recorded(Object... more) {
        return history(OPENED, GX, R1, I1, I2, I3, X2, FR1, List.of(more));
    }

    // ------------------------------------------------------------ the reversals a correction records

    private static SeedFactReversed investmentReversed(SeedInvestmentMade made, String reason, String replacedBy) {
        return new SeedFactReversed(SeedFactKind.INVESTMENT, made.investmentId(), "linked", reason, replacedBy,
                made.investedOn(), made.fundId(), made.investmentId(), made.projectId(), made.instrument(),
                made.investedOn().getYear(), null, made.amount(), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
    }

    private static SeedFactReversed exitReversed(SeedInvestmentExited exit, String reason, String replacedBy) {
        return new SeedFactReversed(SeedFactKind.EXIT, exit.exitId(), "linked", reason, replacedBy, exit.exitedOn(),
                exit.fundId(), exit.investmentId(), exit.projectId(), exit.instrument(), exit.investedOn().getYear(),
                exit.route(), exit.cost(), exit.proceeds(), exit.cityProceeds(), exit.partnerProceeds(), Money.ZERO);
    }

    private static SeedFactReversed raiseReversed(SeedCommitmentRaised raise, String reason, String replacedBy) {
        return new SeedFactReversed(SeedFactKind.COMMITMENT_RAISE, raise.raiseId(), "linked", reason, replacedBy,
                raise.raisedOn(), raise.fundId(), null, null, null, null, null, raise.increase(), Money.ZERO,
                Money.ZERO, Money.ZERO, Money.ZERO);
    }

    private static SeedFactReversed roundReversed(FollowOnRoundRecorded round, String reason) {
        return new SeedFactReversed(SeedFactKind.FOLLOW_ON_ROUND, round.roundId(), "linked", reason, null,
                round.closedOn(), null, null, round.projectId(), null, null, null, round.amount(), Money.ZERO,
                Money.ZERO, Money.ZERO, round.postMoney());
    }

    private static ReverseSeedFact reverse(SeedFactKind kind, String factId, String reason) {
        return new ReverseSeedFact(kind, factId, reason, null);
    }

    private static ReverseSeedFact reverse(SeedFactKind kind, String factId, String reason,
                                           SeedFactCommand replacement) {
        return new ReverseSeedFact(kind, factId, reason, replacement);
    }

    /**
     * Exactly these events, in order; a reversal must link to some stored event (the fixture gives the history's
     * events identifiers of its own, so the link's value is checked in the integration test).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<EventMessage<?>>> events(Object... expected) {
        List<Matcher<?>> matchers = new ArrayList<>();
        for (Object payload : expected) {
            matchers.add(Matchers.messageWithPayload(new TypeSafeMatcher<Object>() {
                @Override
                protected boolean matchesSafely(Object actual) {
                    if (actual instanceof SeedFactReversed reversal && payload instanceof SeedFactReversed wanted) {
                        return reversal.reversesEventId() != null && !reversal.reversesEventId().isBlank()
                                && linked(reversal).equals(linked(wanted));
                    }
                    return Objects.equals(actual, payload);
                }

                @Override
                public void describeTo(Description description) {
                    description.appendText(payload + (payload instanceof SeedFactReversed
                            ? " linked to a stored event" : ""));
                }
            }));
        }
        matchers.add(Matchers.andNoMore());
        return (Matcher) Matchers.exactSequenceOf(matchers.toArray(new Matcher[0]));
    }

    private static SeedFactReversed linked(SeedFactReversed r) {
        return new SeedFactReversed(r.kind(), r.factId(), "linked", r.reason(), r.replacedBy(), r.businessDate(),
                r.fundId(), r.investmentId(), r.projectId(), r.instrument(), r.vintageYear(), r.route(), r.amount(),
                r.proceeds(), r.cityProceeds(), r.partnerProceeds(), r.postMoney());
    }

    // ------------------------------------------------------------ investments

    @Nested
    class Investments {

        @Test
        void anInvestmentIsReversedWithItsDateAndAmount() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "项目编号录错"))
                    .expectEventsMatching(events(investmentReversed(I1, "项目编号录错", null)))
                    .expectResultMessagePayload(Recorded.applied("INVESTMENT:I1"));
        }

        @Test
        void aReversedInvestmentGivesItsRoomUnderTheProjectCapBack() {
            MakeSeedInvestment eighty = loan("I9", GAOXIN, P1, wan(80), "2018-12-01");
            fixture.given(recorded())
                    .when(eighty)
                    .expectException(refused("amount", "project-cap-exceeded"));
            fixture.given(recorded(investmentReversed(I1, "项目编号录错", null)))
                    .when(eighty)
                    .expectEvents(made(eighty));
        }

        @Test
        void aReversedInvestmentGivesItsFundsCommitmentBack() {
            // with I8, GX has invested all its 200万 by 2018-10-01
            SeedInvestmentMade full = made(loan("I8", GAOXIN, "P0008", wan(80), "2018-10-01"));
            MakeSeedInvestment more = loan("I9", GAOXIN, "P0009", wan(40), "2018-12-01");
            fixture.given(recorded(full))
                    .when(more)
                    .expectException(refused("amount", "commitment-exceeded"));
            fixture.given(recorded(full, investmentReversed(I3, "重复录入", null)))
                    .when(more)
                    .expectEvents(made(more));
        }

        @Test
        void anInvestmentThatExitedCannotBeReversedBeforeItsExit() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I2", "重复录入"))
                    .expectException(refused("factId", "reverse-exit-first"))
                    .expectNoEvents();
            fixture.given(recorded(exitReversed(X2, "重复录入", null)))
                    .when(reverse(SeedFactKind.INVESTMENT, "I2", "重复录入"))
                    .expectEventsMatching(events(investmentReversed(I2, "重复录入", null)));
        }

        @Test
        void aReversedInvestmentCannotExit() {
            fixture.given(recorded(investmentReversed(I1, "重复录入", null)))
                    .when(exit("X1", "I1", ExitRoute.BUYBACK, wan(60), "2020-01-01"))
                    .expectException(refused("investmentId", "investment-reversed"))
                    .expectNoEvents();
        }

        @Test
        void theCorrectedInvestmentIsRecordedAfterTheReversalByTheOrdinaryRules() {
            // 80万 in P1 fits the cap only once I1's 50万 is reversed: the corrected fact sees the reversal
            MakeSeedInvestment corrected = equity("I1-C", GAOXIN, P1, wan(80), 800, "2018-03-28");
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错", corrected))
                    .expectEventsMatching(events(investmentReversed(I1, "金额录错", "I1-C"), made(corrected)))
                    .expectResultMessagePayload(Recorded.applied("INVESTMENT:I1"));
        }

        @Test
        void aCorrectedInvestmentThatBreaksARuleLeavesNothingRecordedAndNamesItsField() {
            MakeSeedInvestment overCap = equity("I1-C", GAOXIN, P1, yuan("800000.01"), 800, "2018-03-28");
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错", overCap))
                    .expectException(refused("replacement.amount", "project-cap-exceeded"))
                    .expectNoEvents();
            MakeSeedInvestment noFund = equity("I1-C", "SF-XX", P1, wan(50), 500, "2018-03-28");
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "基金录错", noFund))
                    .expectException(refused("replacement.fundId", "unknown-fund"))
                    .expectNoEvents();
            MakeSeedInvestment noStake = new MakeSeedInvestment("I1-C", GAOXIN, P1, enterprise(P1),
                    Instrument.EQUITY, wan(50), null, day("2018-03-28"));
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "股比漏填", noStake))
                    .expectException(invalid("replacement.equityPct", "required"))
                    .expectNoEvents();
        }

        @Test
        void theCorrectedInvestmentNeedsANewId() {
            MakeSeedInvestment sameAgain = equity("I1", GAOXIN, P1, wan(50), 500, "2018-03-28");
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错", sameAgain))
                    .expectException(conflict("replacement.investmentId", "replacement-not-new"))
                    .expectNoEvents();
            MakeSeedInvestment sameIdOtherAmount = equity("I1", GAOXIN, P1, wan(40), 500, "2018-03-28");
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错", sameIdOtherAmount))
                    .expectException(conflict("replacement.investmentId", "id-conflict"))
                    .expectNoEvents();
            MakeSeedInvestment anotherRecordedFact = loan("I2", GAOXIN, P2, wan(30), "2018-08-17");
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错", anotherRecordedFact))
                    .expectException(conflict("replacement.investmentId", "replacement-not-new"))
                    .expectNoEvents();
        }

        @Test
        void theCorrectedFactIsOfTheSameKind() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", "录错",
                            exit("X1", "I1", ExitRoute.BUYBACK, wan(60), "2020-01-01")))
                    .expectException(invalid("replacement", "replacement-kind"))
                    .expectNoEvents();
        }
    }

    // ------------------------------------------------------------ exits

    @Nested
    class Exits {

        @Test
        void anExitIsReversedWithItsProceedsAndTheirSplit() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.EXIT, "X2", "并未还款"))
                    .expectEventsMatching(events(exitReversed(X2, "并未还款", null)));
        }

        @Test
        void aReversedExitMakesTheInvestmentActiveAgain() {
            fixture.given(recorded())
                    .when(exit("X2-B", "I2", ExitRoute.REPAID, wan(20), "2019-06-01"))
                    .expectException(conflict("investmentId", "already-exited"));
            fixture.given(recorded(exitReversed(X2, "并未还款", null)))
                    .when(exit("X2-B", "I2", ExitRoute.REPAID, wan(20), "2019-06-01"))
                    .expectEvents(exited("X2-B", I2, ExitRoute.REPAID, wan(20), wan(8), "2019-06-01"));
        }

        @Test
        void theCorrectedExitIsRecordedAfterTheReversal() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.EXIT, "X2", "还款金额录错",
                            exit("X2-C", "I2", ExitRoute.REPAID, wan(25), "2019-01-01")))
                    .expectEventsMatching(events(exitReversed(X2, "还款金额录错", "X2-C"),
                            exited("X2-C", I2, ExitRoute.REPAID, wan(25), wan(10), "2019-01-01")));
        }

        @Test
        void aCorrectedExitThatBreaksARuleLeavesNothingRecorded() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.EXIT, "X2", "还款金额录错",
                            exit("X2-C", "I2", ExitRoute.REPAID, yuan("300000.01"), "2019-01-01")))
                    .expectException(refused("replacement.proceeds", "repaid-above-loan"))
                    .expectNoEvents();
        }
    }

    // ------------------------------------------------------------ commitment raises

    @Nested
    class CommitmentRaises {

        @Test
        void aRaiseTheFundDoesNotNeedIsReversed() {
            fixture.given(history(OPENED, GX, R1, I1, I2))
                    .when(reverse(SeedFactKind.COMMITMENT_RAISE, "R1", "重复录入"))
                    .expectEventsMatching(events(raiseReversed(R1, "重复录入", null)));
        }

        @Test
        void aRaiseTheFundsInvestmentsNeedCannotBeReversed() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.COMMITMENT_RAISE, "R1", "重复录入"))
                    .expectException(refused("factId", "commitment-used"))
                    .expectNoEvents();
        }

        @Test
        void aRaiseIsCorrectedByOneThatStillCoversTheInvestments() {
            RaiseSeedCommitment corrected = new RaiseSeedCommitment("R1-C", GAOXIN, wan(20), day("2018-09-01"));
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.COMMITMENT_RAISE, "R1", "金额录错", corrected))
                    .expectEventsMatching(events(raiseReversed(R1, "金额录错", "R1-C"),
                            new SeedCommitmentRaised("R1-C", GAOXIN, wan(20), day("2018-09-01"))));
        }

        @Test
        void aCorrectedRaiseTooLateOrTooSmallIsRefusedAndNothingIsRecorded() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.COMMITMENT_RAISE, "R1", "日期录错",
                            new RaiseSeedCommitment("R1-C", GAOXIN, wan(100), day("2018-09-02"))))
                    .expectException(refused("factId", "commitment-used"))
                    .expectNoEvents();
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.COMMITMENT_RAISE, "R1", "金额录错",
                            new RaiseSeedCommitment("R1-C", GAOXIN, yuan("199999.99"), day("2017-01-01"))))
                    .expectException(refused("factId", "commitment-used"))
                    .expectNoEvents();
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.COMMITMENT_RAISE, "R1", "金额录错",
                            new RaiseSeedCommitment("R1-C", GAOXIN, wan(20), day("2015-06-01"))))
                    .expectException(refused("replacement.raisedOn", "date-order"))
                    .expectNoEvents();
        }
    }

    // ------------------------------------------------------------ follow-on rounds

    @Nested
    class Rounds {

        @Test
        void aRoundIsAlwaysReversedNothingRecordedDependsOnIt() {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.FOLLOW_ON_ROUND, "FR1", "投资方录错"))
                    .expectEventsMatching(events(roundReversed(FR1, "投资方录错")));
        }

        @Test
        void theCorrectedRoundIsRecordedAfterTheReversal() {
            RecordFollowOnRound corrected = new RecordFollowOnRound("FR1-C", P1, "某天使投资", wan(200), wan(2500),
                    day("2019-01-01"));
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.FOLLOW_ON_ROUND, "FR1", "估值录错", corrected))
                    .expectEventsMatching(events(new SeedFactReversed(SeedFactKind.FOLLOW_ON_ROUND, "FR1", "linked",
                                    "估值录错", "FR1-C", FR1.closedOn(), null, null, P1, null, null, null, wan(200),
                                    Money.ZERO, Money.ZERO, Money.ZERO, wan(2000)),
                            new FollowOnRoundRecorded("FR1-C", P1, "某天使投资", wan(200), wan(2500),
                                    day("2019-01-01"))));
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.FOLLOW_ON_ROUND, "FR1", "估值录错", new RecordFollowOnRound("FR1-C",
                            P1, "某天使投资", wan(200), wan(100), day("2019-01-01"))))
                    .expectException(invalid("replacement.postMoney", "post-money-below-amount"))
                    .expectNoEvents();
        }
    }

    // ------------------------------------------------------------ every kind

    @Test
    void aReasonIsMandatory() {
        for (String blank : new String[]{null, "", "   "}) {
            fixture.given(recorded())
                    .when(reverse(SeedFactKind.INVESTMENT, "I1", blank))
                    .expectException(invalid("reason", "required"))
                    .expectNoEvents();
        }
        fixture.given(recorded())
                .when(reverse(SeedFactKind.INVESTMENT, "I1", "错".repeat(cn.cq.fundledger.core.Require.MAX_REASON + 1)))
                .expectException(invalid("reason", "max-length"))
                .expectNoEvents();
        fixture.given(recorded())
                .when(reverse(SeedFactKind.INVESTMENT, "I1", "错".repeat(cn.cq.fundledger.core.Require.MAX_REASON)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aFactThatIsNotRecordedIsNotFound() {
        for (SeedFactKind kind : SeedFactKind.values()) {
            fixture.given(recorded())
                    .when(reverse(kind, "NOPE", "录错"))
                    .expectException(notFound("factId", "unknown-fact"))
                    .expectNoEvents();
        }
        // an id of another kind is not that fact
        fixture.given(recorded())
                .when(reverse(SeedFactKind.EXIT, "I1", "录错"))
                .expectException(notFound("factId", "unknown-fact"));
    }

    @Test
    void theSameCorrectionAgainIsADuplicateAndAnotherReasonAConflict() {
        List<Object> corrected = recorded(roundReversed(FR1, "投资方录错"));
        fixture.given(corrected)
                .when(reverse(SeedFactKind.FOLLOW_ON_ROUND, "FR1", "投资方录错"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(Recorded.duplicateOf("FOLLOW_ON_ROUND:FR1"))
                .expectNoEvents();
        fixture.given(corrected)
                .when(reverse(SeedFactKind.FOLLOW_ON_ROUND, "FR1", "另一个理由"))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void theSameCorrectionWithItsCorrectedFactAgainIsADuplicate() {
        MakeSeedInvestment fixed = equity("I1-C", GAOXIN, P1, wan(80), 800, "2018-03-28");
        List<Object> corrected = recorded(investmentReversed(I1, "金额录错", "I1-C"), made(fixed));
        fixture.given(corrected)
                .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错", fixed))
                .expectResultMessagePayload(Recorded.duplicateOf("INVESTMENT:I1"))
                .expectNoEvents();
        // another corrected fact, or the same id with other content, is a conflict
        fixture.given(corrected)
                .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错",
                        equity("I1-D", GAOXIN, P1, wan(80), 800, "2018-03-28")))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
        fixture.given(corrected)
                .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错",
                        equity("I1-C", GAOXIN, P1, wan(70), 800, "2018-03-28")))
                .expectException(conflict("replacement.investmentId", "id-conflict"))
                .expectNoEvents();
        // the reversal alone again, when it was recorded with a corrected fact, is not the same correction
        fixture.given(corrected)
                .when(reverse(SeedFactKind.INVESTMENT, "I1", "金额录错"))
                .expectException(conflict("factId", "id-conflict"));
    }
}
