package cn.cq.fundledger.equityfund.command;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/**
 * Under a recorded id, a fact that differs in any field is a conflict, and the refusal says what is recorded; the
 * refusals of corrections and of facts the fund cannot carry say what the operator should look at.
 */
class EquityProgramSameIdOtherContentTest extends EquityProgramTestSupport {

    private static final DealClosed D1 = dealClosed("D1", FUND, "1亿", "2020-08-01");
    private static final CapitalCalled C2 = called("C2", FUND, "1亿", "2021-03-01", part(CITY, 1, "4000万"),
            part(NATIONAL, 2, "2000万"), part(PRIVATE, 3, "4000万"));

    private static List<Object> base(Object... more) {
        return history(OPENED, sampleFund(FUND), sampleCall(FUND, "2020-06-30"), D1, List.of(more));
    }

    @Test
    void aCallUnderARecordedIdForAnotherFundOrDateIsAConflict() {
        List<Object> twoFunds = history(base(C2), sampleFund(OTHER_FUND));
        fixture.given(twoFunds)
                .when(new CallCapital("C2", OTHER_FUND, yuan("1亿"), day("2021-03-01")))
                .expectException(conflict("callId", "id-conflict"))
                .expectNoEvents();
        fixture.given(twoFunds)
                .when(new CallCapital("C2", FUND, yuan("1亿"), day("2021-03-02")))
                .expectException(conflict("callId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void aMarkOnARecordedDayWithAnotherValueOrMethodIsAConflict() {
        List<Object> marked = base(marked(D1, "1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30"));
        fixture.given(marked)
                .when(new MarkDeal("D1", yuan("1.6亿"), ValuationMethod.LAST_ROUND, day("2021-06-30")))
                .expectException(conflict("markedOn", "id-conflict"))
                .expectNoEvents();
        fixture.given(marked)
                .when(new MarkDeal("D1", yuan("1.5亿"), ValuationMethod.APPRAISAL, day("2021-06-30")))
                .expectException(conflict("markedOn", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void anExitUnderARecordedIdWithOtherContentIsAConflict() {
        DealClosed d2 = dealClosed("D2", FUND, "0.5亿", "2021-04-01");
        List<Object> exited = base(d2, exited("X1", D1, "0.4亿", 3000, yuan("0.3亿"), 7000, "2021-06-01"));
        for (RecordExit other : List.of(
                new RecordExit("X1", "D2", yuan("0.4亿"), bp(3000), day("2021-06-01")),
                new RecordExit("X1", "D1", yuan("0.5亿"), bp(3000), day("2021-06-01")),
                new RecordExit("X1", "D1", yuan("0.4亿"), bp(3000), day("2021-06-02")),
                new RecordExit("X1", "D1", yuan("0.4亿"), bp(4000), day("2021-06-01")),
                new RecordExit("X1", "D1", yuan("0.4亿"), null, day("2021-06-01")))) {
            fixture.given(exited)
                    .when(other)
                    .expectException(conflict("exitId", "id-conflict"))
                    .expectNoEvents();
        }
    }

    @Test
    void aDistributionUnderARecordedIdForAnotherFundOrDateIsAConflict() {
        List<Object> distributed = history(base(fullyExited("X1", D1, "1.5亿", "2022-01-01"),
                distributed("DS1", FUND, "1亿", "2022-02-01", part(CITY, 1, "4000万"), part(NATIONAL, 2, "2000万"),
                        part(PRIVATE, 3, "4000万"))), sampleFund(OTHER_FUND));
        fixture.given(distributed)
                .when(new MakeDistribution("DS1", OTHER_FUND, yuan("1亿"), day("2022-02-01")))
                .expectException(conflict("distributionId", "id-conflict"))
                .expectNoEvents();
        fixture.given(distributed)
                .when(new MakeDistribution("DS1", FUND, yuan("1亿"), day("2022-02-02")))
                .expectException(conflict("distributionId", "id-conflict"))
                .expectNoEvents();
    }

    @Test
    void theIdOfAReversedCallStaysTakenAndTheRefusalSaysSo() {
        EquityFactReversed reversed = new EquityFactReversed(FactKind.CALL, "C2", "event-x", "金额错误", null, FUND,
                null, null, day("2021-03-01"), yuan("1亿"), Money.ZERO, null, C2.parts());
        fixture.given(base(C2, reversed))
                .when(new CallCapital("C2", FUND, yuan("0.9亿"), day("2021-03-01")))
                .expectException(conflict("callId", "id-conflict"))
                .expectExceptionMessage(containsString(
                        "is already recorded and reversed (金额错误); record the corrected call with a new id"));
        fixture.given(base(C2))
                .when(new CallCapital("C2", FUND, yuan("0.9亿"), day("2021-03-01")))
                .expectException(conflict("callId", "id-conflict"))
                .expectExceptionMessage(equalTo("call C2 is already recorded: 100000000.00 yuan of fund EF1 on "
                        + "2021-03-01"));
    }

    @Test
    void aFactThatIsNotRecordedIsNotFoundAndTheRefusalSaysHowItIsNamed() {
        fixture.given(base())
                .when(new ReverseEquityFact(FactKind.COMMITMENT, "EF1/" + CITY, "录入错误", null))
                .expectException(notFound("factId", "unknown-fact"))
                .expectExceptionMessage(containsString("(a commitment is named fundId/partner@committedOn)"));
        fixture.given(base())
                .when(new ReverseEquityFact(FactKind.MARK, "D1", "录入错误", null))
                .expectException(notFound("factId", "unknown-fact"))
                .expectExceptionMessage(containsString("(a mark is named dealId@markedOn)"));
        fixture.given(base())
                .when(new ReverseEquityFact(FactKind.CALL, "C9", "录入错误", null))
                .expectException(notFound("factId", "unknown-fact"))
                .expectExceptionMessage(equalTo("call C9 is not recorded"));
    }

    @Test
    void aDealWithMarksNamesThemWhenItsReversalIsRefused() {
        fixture.given(base(marked(D1, "1.5亿", ValuationMethod.LAST_ROUND, "2021-06-30")))
                .when(new ReverseEquityFact(FactKind.DEAL, "D1", "录入错误", null))
                .expectException(refused("factId", "deal-has-marks"))
                .expectExceptionMessage(containsString("deal D1 has marks ([D1@2021-06-30])"));
    }

    @Test
    void aCallAboveWhatIsOwedSaysWhatWasCommittedAndCalled() {
        fixture.given(base())
                .when(new CallCapital("C2", FUND, yuan("7.01亿"), day("2021-03-01")))
                .expectException(refused("amountYuan", "call-exceeds-commitments"))
                .expectExceptionMessage(allOf(
                        containsString("(committed 1000000000.00, called 300000000.00 as of 2021-03-01)"),
                        not(containsString("the calls recorded after that date"))));
        fixture.given(base(C2))
                .when(new CallCapital("C3", FUND, yuan("6.01亿"), day("2021-01-01")))
                .expectException(refused("amountYuan", "call-exceeds-commitments"))
                .expectExceptionMessage(containsString(
                        "(committed 1000000000.00, called 300000000.00 as of 2021-01-01, and the calls recorded after "
                                + "that date)"));
    }

    @Test
    void everyEquityCommandGoesToTheOneProgramLedger() {
        var target = new EquityCommandConfiguration().equityProgramTargetResolver()
                .resolveTarget(GenericCommandMessage.asCommandMessage(new CallCapital("C1", FUND, yuan("1"),
                        day("2021-01-01"))));

        org.assertj.core.api.Assertions.assertThat(target.getIdentifier()).isEqualTo(EquityProgram.ID);
    }
}
