package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
import org.junit.jupiter.api.Test;

/** Follow-on rounds: facts about a project's later financing, recorded as given. */
class SeedProgramFollowOnTest extends SeedProgramTestSupport {

    private static RecordFollowOnRound round(String roundId, String projectId, String amount, String postMoney,
                                             String closedOn) {
        return new RecordFollowOnRound(roundId, projectId, "某天使投资", yuan(amount), yuan(postMoney), day(closedOn));
    }

    @Test
    void aRoundIsRecorded() {
        fixture.given(OPENED, fund(GAOXIN, wan(5000)), made(equity("I1", GAOXIN, P1, wan(28), 500, "2017-01-10")))
                .when(round("FR1", P1, "300万", "3000万", "2017-10-01"))
                .expectEvents(new FollowOnRoundRecorded("FR1", P1, "某天使投资", wan(300), wan(3000), day("2017-10-01")))
                .expectResultMessagePayload(Recorded.applied("FR1"));
    }

    @Test
    void aRoundOfAProjectWithoutSeedMoneyYetIsRecordedToo() {
        // the round may close before the seed money arrives (or be recorded first): it is a fact of the project
        fixture.given(OPENED)
                .when(round("FR1", P2, "300万", "3000万", "2016-09-22"))
                .expectEvents(new FollowOnRoundRecorded("FR1", P2, "某天使投资", wan(300), wan(3000),
                        day("2016-09-22")));
    }

    @Test
    void aPostMoneyValuationEqualToTheRoundIsAccepted() {
        fixture.given(OPENED)
                .when(round("FR1", P1, "300万", "300万", "2017-10-01"))
                .expectEvents(new FollowOnRoundRecorded("FR1", P1, "某天使投资", wan(300), wan(300), day("2017-10-01")));
    }

    @Test
    void aPostMoneyValuationBelowTheRoundIsRefused() {
        fixture.given(OPENED)
                .when(round("FR1", P1, "300万", "299.99万", "2017-10-01"))
                .expectException(invalid("postMoney", "post-money-below-amount"))
                .expectNoEvents();
    }

    @Test
    void aRoundOfNothingIsRefused() {
        fixture.given(OPENED)
                .when(round("FR1", P1, "0", "3000万", "2017-10-01"))
                .expectException(invalid("amount", "amount-positive"))
                .expectNoEvents();
    }

    @Test
    void aRoundNeedsAnInvestor() {
        fixture.given(OPENED)
                .when(new RecordFollowOnRound("FR1", P1, " ", wan(300), wan(3000), day("2017-10-01")))
                .expectException(invalid("investor", "required"))
                .expectNoEvents();
    }

    @Test
    void aRoundBeforeTheProgramIsRefused() {
        fixture.given(OPENED)
                .when(round("FR1", P1, "300万", "3000万", "2014-12-31"))
                .expectException(refused("closedOn", "date-order"))
                .expectNoEvents();
    }

    @Test
    void theSameRoundAgainIsADuplicate() {
        fixture.given(OPENED, new FollowOnRoundRecorded("FR1", P1, "某天使投资", wan(300), wan(3000), day("2017-10-01")))
                .when(round("FR1", P1, "300万", "3000万", "2017-10-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Recorded.duplicateOf("FR1"));
    }

    @Test
    void theSameRoundIdWithAnotherValuationIsAConflict() {
        fixture.given(OPENED, new FollowOnRoundRecorded("FR1", P1, "某天使投资", wan(300), wan(3000), day("2017-10-01")))
                .when(round("FR1", P1, "300万", "4000万", "2017-10-01"))
                .expectException(conflict("roundId", "id-conflict"))
                .expectNoEvents();
    }
}
