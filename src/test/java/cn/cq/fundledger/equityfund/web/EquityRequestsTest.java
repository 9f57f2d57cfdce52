package cn.cq.fundledger.equityfund.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CloseDeal;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.RecordCommitment;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The request records as the importer fills them from a row's columns, and as REST callers write them. */
class EquityRequestsTest {

    @Test
    void aCommitmentRow() {
        RecordCommitment command = new EquityRequests.Commitment("EF1", "科技成果转化股权投资基金", "市级引导基金",
                "400000000.00", "2020-05-22").toCommand();
        assertThat(command).isEqualTo(new RecordCommitment("EF1", "科技成果转化股权投资基金", "市级引导基金",
                Money.parse("4亿"), LocalDate.of(2020, 5, 22)));
    }

    @Test
    void aCallRow() {
        CallCapital command = new EquityRequests.Call("EF1-C1", "EF1", "300000000.00", "2020-06-30").toCommand();
        assertThat(command).isEqualTo(new CallCapital("EF1-C1", "EF1", Money.parse("3亿"), LocalDate.of(2020, 6, 30)));
    }

    @Test
    void aDealRowTakesTheStakeInPercent() {
        CloseDeal command = new EquityRequests.Deal("ED02", "EF1", "EP02", "科技公司02", "25500000.00", "27",
                "2020-09-05").toCommand();
        assertThat(command.stake()).isEqualTo(Ratio.ofBasisPoints(2700));
        assertThat(command.amount()).isEqualTo(Money.parse("2550万"));
    }

    @Test
    void aStakeOutsideZeroToAHundredIsInvalid() {
        assertThatThrownBy(() -> new EquityRequests.Deal("D", "F", "P", "C", "1", "100.5", "2020-09-05").toCommand())
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("stakePct", "ratio-range")));
        assertThatThrownBy(() -> new EquityRequests.Deal("D", "F", "P", "C", "1", "-3", "2020-09-05").toCommand())
                .isInstanceOf(Input.InvalidInput.class);
    }

    @Test
    void anExitRowIsAFullExit() {
        RecordExit command = new EquityRequests.Exit("EX03", "ED03", "75860000.00", "2024-08-06").toCommand();
        assertThat(command.portion()).isNull();
        assertThat(new EquityRequests.Exit("EX03", "ED03", "75860000.00", "2024-08-06", " ").toCommand().portion())
                .isNull();
    }

    @Test
    void aRestExitMaySellAPart() {
        RecordExit command = new EquityRequests.Exit("X1", "D1", "0", "2024-08-06", "12.5").toCommand();
        assertThat(command.portion()).isEqualTo(Ratio.ofBasisPoints(1250));
        assertThat(command.proceeds()).isEqualTo(Money.ZERO);
    }

    @Test
    void aMarkTakesTheMethodInAnyCase() {
        MarkDeal command = new EquityRequests.Mark("D1", "1.5亿", "last_round", "2021-12-31").toCommand();
        assertThat(command.method()).isEqualTo(ValuationMethod.LAST_ROUND);
    }

    @Test
    void thePathIdWinsAndTheBodyMayNotContradictIt() {
        assertThat(new EquityRequests.Call("C1", null, "1", "2020-06-30").onFund("EF1").toCommand().fundId())
                .isEqualTo("EF1");
        assertThatThrownBy(() -> new EquityRequests.Call("C1", "EF2", "1", "2020-06-30").onFund("EF1"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("path-mismatch"));
    }

    // ------------------------------------------------------------ corrections

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EquityRequests.Correction correction(String kind, String factId, String reason,
                                                        String replacementJson) {
        try {
            return new EquityRequests.Correction(kind, factId, reason,
                    replacementJson == null ? null : JSON.readTree(replacementJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aCorrectionTakesTheKindInAnyCaseAndAStrippedReason() {
        ReverseEquityFact command = correction("Distribution", " DS1 ", " 重复录入 ", null).toCommand(JSON);
        assertThat(command).isEqualTo(new ReverseEquityFact(FactKind.DISTRIBUTION, "DS1", "重复录入", null));
    }

    @Test
    void aCorrectionWithoutKindFactOrReasonNamesEveryField() {
        assertThatThrownBy(() -> correction("loan", " ", "", null).toCommand(JSON))
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .containsExactly(tuple("kind", "choice"), tuple("factId", "required"),
                                tuple("reason", "required")));
    }

    @Test
    void aReplacementIsTheOrdinaryRequestOfItsKind() {
        ReverseEquityFact deal = correction("deal", "D1", "金额录入错误", "{\"dealId\":\"D1b\",\"fundId\":\"EF1\","
                + "\"projectId\":\"P1\",\"company\":\"公司\",\"amountYuan\":\"4000万\",\"stakePct\":10,"
                + "\"closedOn\":\"2020-03-01\"}").toCommand(JSON);
        assertThat(deal.replacement()).isEqualTo(new CloseDeal("D1b", "EF1", "P1", "公司", Money.parse("4000万"),
                Ratio.ofBasisPoints(1000), LocalDate.of(2020, 3, 1)));
        // a call, a distribution, a mark or an exit may leave out the fund or deal: the reversed fact's
        ReverseEquityFact call = correction("call", "C1", "日期错误", "{\"callId\":\"C1b\",\"amountYuan\":\"1亿\","
                + "\"calledOn\":\"2020-02-02\"}").toCommand(JSON);
        assertThat(call.replacement()).isEqualTo(new CallCapital("C1b", null, Money.parse("1亿"),
                LocalDate.of(2020, 2, 2)));
        ReverseEquityFact mark = correction("MARK", "D1@2021-12-31", "估值错误", "{\"valueYuan\":\"6000万\","
                + "\"method\":\"appraisal\",\"markedOn\":\"2021-12-31\"}").toCommand(JSON);
        assertThat(mark.replacement()).isEqualTo(new MarkDeal(null, Money.parse("6000万"), ValuationMethod.APPRAISAL,
                LocalDate.of(2021, 12, 31)));
    }

    @Test
    void aWrongReplacementNamesItsFieldsUnderReplacement() {
        assertThatThrownBy(() -> correction("exit", "X1", "错误", "{\"exitId\":\"X1b\",\"proceedsYuan\":\"-1\","
                + "\"exitedOn\":\"2021-13-01\"}").toCommand(JSON))
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .containsExactly(tuple("replacement.proceedsYuan", "amount-not-negative"),
                                tuple("replacement.exitedOn", "date-format")));
        assertThatThrownBy(() -> correction("commitment", "EF1/甲@2020-01-01", "错误", "[1, 2]").toCommand(JSON))
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .containsExactly(tuple("replacement", "json")));
    }
}
