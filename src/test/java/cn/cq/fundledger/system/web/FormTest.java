package cn.cq.fundledger.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.api.IssueLoan;
import cn.cq.fundledger.credit.api.ReinstateBank;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.web.CreditRequests;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A form sends what the API's request record takes, and refuses what it refuses. */
class FormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Form loan = Form.of("loan", Form.Purpose.RECORD, CreditRequests.Loan.class,
            CreditRequests.Loan::toCommand);

    @Test
    void itsFieldsAreTheRequestRecordsInOrderAndDatesArePickedAsDates() {
        assertThat(loan.fields()).extracting(Form.Field::name).containsExactly("loanId", "bankId", "enterpriseId",
                "district", "principal", "annualRatePct", "termMonths", "issuedOn");
        assertThat(loan.fields()).filteredOn(f -> f.widget() == Form.Widget.DATE).extracting(Form.Field::name)
                .containsExactly("issuedOn");
    }

    @Test
    void theValuesBecomeTheApisCommand() {
        Object command = loan.command(Map.of("loanId", "L1", "bankId", "B01", "enterpriseId", "E1", "district",
                "渝中区", "principal", "12.5万", "annualRatePct", "4.35", "termMonths", "12", "issuedOn", "2024-01-02",
                "_csrf", "ignored"), JSON);
        IssueLoan issue = (IssueLoan) command;
        assertThat(issue.principal()).isEqualTo(Money.parse("125000"));
        assertThat(issue.issuedOn()).isEqualTo(LocalDate.of(2024, 1, 2));
    }

    @Test
    void aFieldLeftEmptyIsRefusedAsTheApiRefusesIt() {
        assertThatThrownBy(() -> loan.command(Map.of("loanId", "L1", "principal", "12.345"), JSON))
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .contains(org.assertj.core.groups.Tuple.tuple("bankId", "required"),
                                org.assertj.core.groups.Tuple.tuple("principal", "amount-format")));
    }

    @Test
    void aCorrectionSendsItsReplacementOnlyWhenOneOfItsFieldsIsFilled() {
        Form correction = Form.correction("credit-correction-loan", CreditRequests.Correction.class,
                CreditRequests.Correction::toCommand, "loan", loan);
        assertThat(correction.mainFields()).extracting(Form.Field::name).containsExactly("factId", "reason");
        assertThat(correction.replacementFields()).extracting(Form.Field::name).startsWith("replacement.loanId");

        ReverseFact reversal = (ReverseFact) correction.command(Map.of("factId", "L1", "reason", "typo",
                "replacement.principal", " "), JSON);
        assertThat(reversal.kind()).isEqualTo(ReverseFact.FactKind.LOAN);
        assertThat(reversal.replacement()).isNull();

        assertThatThrownBy(() -> correction.command(Map.of("factId", "L1", "reason", "typo",
                "replacement.principal", "abc"), JSON))
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field).contains("replacement.principal", "replacement.loanId"));
    }

    @Test
    void aValueTheApiTakesInItsPathIsAFieldOfTheForm() {
        Form reinstatement = Form.of("reinstatement", Form.Purpose.POLICY, CreditRequests.Reinstatement.class,
                (CreditRequests.Reinstatement r, Map<String, String> values) -> r.toCommand(values.get("bankId")))
                .pathField("bankId");
        assertThat(reinstatement.fields()).extracting(Form.Field::name)
                .containsExactly("bankId", "reinstatedOn", "reason");
        ReinstateBank command = (ReinstateBank) reinstatement.command(Map.of("bankId", "B07", "reinstatedOn",
                "2024-05-01", "reason", "losses recovered"), JSON);
        assertThat(command.bankId()).isEqualTo("B07");
    }

    @Test
    void aChoiceOfAFieldTheRecordDoesNotHaveIsAMistake() {
        assertThatThrownBy(() -> loan.choice("grade", cn.cq.fundledger.credit.api.Grade.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
