package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.equityfund.api.RecordCommitment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Opening the program, establishing funds and recording partners' commitments. */
class EquityProgramTest extends EquityProgramTestSupport {

    static RecordCommitment commit(String fundId, String partner, String amount, String on) {
        return new RecordCommitment(fundId, FUND_NAME, partner, yuan(amount), day(on));
    }

    @Nested
    class Opening {

        @Test
        void theFirstCommitmentOpensTheProgramAndEstablishesTheFund() {
            fixture.givenNoPriorActivity()
                    .when(commit(FUND, CITY, "4亿", COMMITTED_ON))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(OPENED, established(FUND, COMMITTED_ON), committed(FUND, CITY, 1, "4亿", COMMITTED_ON))
                    .expectResultMessagePayload(Recorded.applied(FUND + "/" + CITY + "@" + COMMITTED_ON));
        }

        @Test
        void anOpenedProgramIsNotOpenedAgain() {
            fixture.given(OPENED)
                    .when(commit(FUND, CITY, "4亿", COMMITTED_ON))
                    .expectEvents(established(FUND, COMMITTED_ON), committed(FUND, CITY, 1, "4亿", COMMITTED_ON));
        }

        @Test
        void aRefusedFirstCommandRecordsNothing() {
            fixture.givenNoPriorActivity()
                    .when(commit(FUND, CITY, "0", COMMITTED_ON))
                    .expectException(invalid("committedYuan", "amount-positive"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Commitments {

        @Test
        void partnersTakeTheirPlacesInTheOrderTheyJoin() {
            fixture.given(OPENED, established(FUND, COMMITTED_ON), committed(FUND, CITY, 1, "4亿", COMMITTED_ON))
                    .when(commit(FUND, NATIONAL, "2亿", COMMITTED_ON))
                    .expectEvents(committed(FUND, NATIONAL, 2, "2亿", COMMITTED_ON));
        }

        @Test
        void eachFundCountsItsOwnPartners() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(commit(OTHER_FUND, PRIVATE, "4亿", COMMITTED_ON))
                    .expectEvents(established(OTHER_FUND, COMMITTED_ON),
                            committed(OTHER_FUND, PRIVATE, 1, "4亿", COMMITTED_ON));
        }

        @Test
        void theSameRowAgainIsADuplicateAndRecordsNothing() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(commit(FUND, NATIONAL, "2亿", COMMITTED_ON))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf(FUND + "/" + NATIONAL + "@" + COMMITTED_ON));
        }

        @Test
        void theSamePartnerAndDateWithAnotherAmountIsAConflict() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(commit(FUND, NATIONAL, "2.5亿", COMMITTED_ON))
                    .expectException(conflict("committedYuan", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void anotherDateRaisesThePartnersCommitmentKeepingItsPlace() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(commit(FUND, NATIONAL, "1亿", "2021-01-10"))
                    .expectEvents(committed(FUND, NATIONAL, 2, "1亿", "2021-01-10"))
                    .expectResultMessagePayload(Recorded.applied(FUND + "/" + NATIONAL + "@2021-01-10"));
        }

        @Test
        void aFundKeepsTheNameItWasEstablishedWith() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(new RecordCommitment(FUND, "成渝科创母基金直投", "新合伙人", yuan("1亿"), day(COMMITTED_ON)))
                    .expectException(conflict("fundName", "fund-name-mismatch"))
                    .expectNoEvents();
        }

        @Test
        void noCommitmentBeforeTheFundWasEstablished() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(commit(FUND, "新合伙人", "1亿", "2020-05-21"))
                    .expectException(refused("committedOn", "date-order"))
                    .expectNoEvents();
        }

        @Test
        void aCommitmentNeedsEveryField() {
            fixture.given(OPENED)
                    .when(new RecordCommitment(FUND, FUND_NAME, " ", yuan("1"), day(COMMITTED_ON)))
                    .expectException(invalid("partner", "required"))
                    .expectNoEvents();
            fixture.given(OPENED)
                    .when(new RecordCommitment(FUND, " ", CITY, yuan("1"), day(COMMITTED_ON)))
                    .expectException(invalid("fundName", "required"))
                    .expectNoEvents();
            fixture.given(OPENED)
                    .when(new RecordCommitment(FUND, FUND_NAME, CITY, yuan("1"), null))
                    .expectException(invalid("committedOn", "required"))
                    .expectNoEvents();
        }

        @Test
        void aCommitmentMustBePositive() {
            fixture.given(history(OPENED, sampleFund(FUND)))
                    .when(commit(FUND, CITY, "-1", "2021-01-01"))
                    .expectException(invalid("committedYuan", "amount-positive"))
                    .expectNoEvents();
        }
    }
}
