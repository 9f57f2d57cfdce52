package cn.cq.fundledger.seedfund.command;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.EstablishSeedFund;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.ExitSeedInvestment;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
import cn.cq.fundledger.seedfund.api.ReverseSeedFact;
import cn.cq.fundledger.seedfund.api.ScaleTargetSet;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import cn.cq.fundledger.seedfund.api.SeedFactReversed;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import cn.cq.fundledger.seedfund.api.SetProjectCap;
import cn.cq.fundledger.seedfund.api.SetScaleTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first fact an empty ledger records opens it with the standing policies; under a recorded id, an investment
 * or an exit that differs in any field is a conflict; refusals name the fund or the kind of fact concerned.
 */
class SeedProgramFirstFactAndConflictsTest extends SeedProgramTestSupport {

    @Nested
    class FirstFact {

        @Test
        void aFundEstablishedFirstOpensTheProgram() {
            fixture.givenNoPriorActivity()
                    .when(new EstablishSeedFund(GAOXIN, "高新区种子基金", "高新区", null, wan(5000), day("2016-01-15")))
                    .expectEvents(OPENED, new SeedFundEstablished(GAOXIN, "高新区种子基金", "高新区", FORTY, wan(5000),
                            day("2016-01-15")))
                    .expectResultMessagePayload(Recorded.applied(GAOXIN));
        }

        @Test
        void aFollowOnRoundRecordedFirstOpensTheProgram() {
            fixture.givenNoPriorActivity()
                    .when(new RecordFollowOnRound("F1", P1, "天使投资人", wan(200), wan(2000), day("2019-05-01")))
                    .expectEvents(OPENED, new FollowOnRoundRecorded("F1", P1, "天使投资人", wan(200), wan(2000),
                            day("2019-05-01")));
        }

        @Test
        void aCapRecordedFirstOpensTheProgram() {
            fixture.givenNoPriorActivity()
                    .when(new SetProjectCap(day("2026-01-01"), wan(300)))
                    .expectEvents(OPENED, new ProjectCapSet(day("2026-01-01"), wan(300)))
                    .expectResultMessagePayload(Recorded.applied("cap@2026-01-01"));
        }

        @Test
        void anInvestmentSentToAnEmptyLedgerIsRefusedForItsUnknownFund() {
            fixture.givenNoPriorActivity()
                    .when(loan("I1", GAOXIN, P1, wan(30), "2018-01-01"))
                    .expectException(refused("fundId", "unknown-fund"))
                    .expectNoEvents();
        }

        @Test
        void aScaleTargetRecordedFirstOpensTheProgram() {
            fixture.givenNoPriorActivity()
                    .when(new SetScaleTarget(yuan("5亿"), day("2027-12-31")))
                    .expectEvents(OPENED, new ScaleTargetSet(yuan("5亿"), day("2027-12-31")))
                    .expectResultMessagePayload(Recorded.applied("target@2027-12-31"));
        }
    }

    @Nested
    class SameIdOtherContent {

        private final MakeSeedInvestment i1 = equity("I1", GAOXIN, P1, wan(30), 500, "2018-03-28");
        private final SeedInvestmentMade made = made(i1);

        private List<Object> invested(Object... more) {
            return history(OPENED, fund(GAOXIN, wan(5000)), fund(BANAN, wan(5000)), made, List.of(more));
        }

        static Stream<MakeSeedInvestment> theSameInvestmentIdWithOneFieldChanged() {
            return Stream.of(
                    new MakeSeedInvestment("I1", BANAN, P1, enterprise(P1), Instrument.EQUITY, wan(30), bp(500),
                            day("2018-03-28")),
                    new MakeSeedInvestment("I1", GAOXIN, P2, enterprise(P1), Instrument.EQUITY, wan(30), bp(500),
                            day("2018-03-28")),
                    new MakeSeedInvestment("I1", GAOXIN, P1, "另一家公司", Instrument.EQUITY, wan(30), bp(500),
                            day("2018-03-28")),
                    new MakeSeedInvestment("I1", GAOXIN, P1, enterprise(P1), Instrument.LOAN, wan(30), null,
                            day("2018-03-28")),
                    new MakeSeedInvestment("I1", GAOXIN, P1, enterprise(P1), Instrument.EQUITY, wan(31), bp(500),
                            day("2018-03-28")),
                    new MakeSeedInvestment("I1", GAOXIN, P1, enterprise(P1), Instrument.EQUITY, wan(30), bp(600),
                            day("2018-03-28")),
                    new MakeSeedInvestment("I1", GAOXIN, P1, enterprise(P1), Instrument.EQUITY, wan(30), bp(500),
                            day("2018-03-29")));
        }

        @ParameterizedTest
        @MethodSource("theSameInvestmentIdWithOneFieldChanged")
        void anotherInvestmentUnderARecordedIdIsAConflict(MakeSeedInvestment other) {
            fixture.given(invested())
                    .when(other)
                    .expectException(conflict("investmentId", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void anotherExitUnderARecordedIdIsAConflict() {
            SeedInvestmentMade i2 = made(loan("I2", GAOXIN, P2, wan(20), "2018-05-01"));
            List<Object> exited = invested(i2, exited("X1", made, ExitRoute.BUYBACK, wan(40), wan(16), "2019-07-10"));
            for (ExitSeedInvestment other : List.of(
                    exit("X1", "I2", ExitRoute.BUYBACK, wan(40), "2019-07-10"),
                    exit("X1", "I1", ExitRoute.TRANSFER, wan(40), "2019-07-10"),
                    exit("X1", "I1", ExitRoute.BUYBACK, wan(41), "2019-07-10"),
                    exit("X1", "I1", ExitRoute.BUYBACK, wan(40), "2019-07-11"))) {
                fixture.given(exited)
                        .when(other)
                        .expectException(conflict("exitId", "id-conflict"))
                        .expectNoEvents();
            }
        }

        @Test
        void anInvestmentOverItsFundsCommitmentNamesTheFund() {
            fixture.given(history(OPENED, fund(GAOXIN, wan(100)), made(loan("I1", GAOXIN, P1, wan(80), "2018-01-01"))))
                    .when(loan("I2", GAOXIN, P2, wan(21), "2018-02-01"))
                    .expectException(refused("amount", "commitment-exceeded"))
                    .expectExceptionMessage(containsString("seed fund " + GAOXIN + " would have invested 101万"));
        }
    }

    @Nested
    class Corrections {

        @Test
        void aFactThatIsNotRecordedIsNamedByItsKind() {
            fixture.given(OPENED, fund(GAOXIN, wan(100)))
                    .when(new ReverseSeedFact(SeedFactKind.COMMITMENT_RAISE, "R9", "录入错误", null))
                    .expectException(notFound("factId", "unknown-fact"))
                    .expectExceptionMessage(equalTo("commitment raise R9 is not recorded"));
        }

        @Test
        void anotherReasonForAFactAlreadyCorrectedSaysWhatReplacedIt() {
            MakeSeedInvestment i1 = equity("I1", GAOXIN, P1, wan(30), 500, "2018-03-28");
            MakeSeedInvestment right = equity("I1-C", GAOXIN, P1, wan(20), 500, "2018-03-28");
            SeedFactReversed reversed = new SeedFactReversed(
                    SeedFactKind.INVESTMENT, "I1", "event-x", "金额错误", "I1-C", day("2018-03-28"), GAOXIN, "I1", P1,
                    Instrument.EQUITY, 2018, null, wan(30), Money.ZERO,
                    Money.ZERO, Money.ZERO,
                    Money.ZERO);
            fixture.given(OPENED, fund(GAOXIN, wan(5000)), made(i1), reversed, made(right))
                    .when(new ReverseSeedFact(SeedFactKind.INVESTMENT, "I1", "另一个理由", null))
                    .expectException(conflict("factId", "id-conflict"))
                    .expectExceptionMessage(equalTo("investment I1 is already reversed (金额错误, replaced by I1-C)"));
            SeedFactReversed withoutReplacement =
                    new SeedFactReversed(SeedFactKind.INVESTMENT, "I1", "event-x", "金额错误",
                            null, day("2018-03-28"), GAOXIN, "I1", P1, Instrument.EQUITY, 2018, null, wan(30),
                            Money.ZERO, Money.ZERO,
                            Money.ZERO, Money.ZERO);
            fixture.given(OPENED, fund(GAOXIN, wan(5000)), made(i1), withoutReplacement)
                    .when(new ReverseSeedFact(SeedFactKind.INVESTMENT, "I1", "另一个理由", null))
                    .expectException(conflict("factId", "id-conflict"))
                    .expectExceptionMessage(equalTo("investment I1 is already reversed (金额错误)"));
        }

        @Test
        void aCorrectedFactWithoutAnIdIsRefusedAsAFieldOfTheReplacement() {
            MakeSeedInvestment i1 = equity("I1", GAOXIN, P1, wan(30), 500, "2018-03-28");
            fixture.given(OPENED, fund(GAOXIN, wan(5000)), made(i1))
                    .when(new ReverseSeedFact(SeedFactKind.INVESTMENT, "I1", "金额错误", new MakeSeedInvestment(null,
                            GAOXIN, P1, enterprise(P1), Instrument.EQUITY, wan(20), bp(500), day("2018-03-28"))))
                    .expectException(invalid("replacement.investmentId", "required"))
                    .expectNoEvents();
        }
    }
}
