package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refusal tells the caller how it reaches them (kind), which field to look at, the rule and a sentence. */
class RuleViolationTest {

    @Test
    void each_kind_of_refusal_keeps_its_field_rule_and_sentence() {
        assertThat(RuleViolation.invalid("principal", "amount-positive", "principal must be greater than zero"))
                .satisfies(v -> assertRefusal(v, RuleViolation.Kind.INVALID, "principal", "amount-positive",
                        "principal must be greater than zero"));
        assertThat(RuleViolation.notFound("loanId", "unknown-loan", "loan L9 is not recorded"))
                .satisfies(v -> assertRefusal(v, RuleViolation.Kind.NOT_FOUND, "loanId", "unknown-loan",
                        "loan L9 is not recorded"));
        assertThat(RuleViolation.conflict("loanId", "id-conflict", "loan L1 is already recorded"))
                .satisfies(v -> assertRefusal(v, RuleViolation.Kind.CONFLICT, "loanId", "id-conflict",
                        "loan L1 is already recorded"));
        assertThat(RuleViolation.refused("principal", "credit-line-exceeded", "over the line"))
                .satisfies(v -> assertRefusal(v, RuleViolation.Kind.REFUSED, "principal", "credit-line-exceeded",
                        "over the line"));
    }

    @Test
    void a_refusal_about_a_replacement_names_the_field_inside_it() {
        RuleViolation refusal = RuleViolation.refused("principal", "credit-line-exceeded", "over the line");

        RuleViolation nested = refusal.within("replacement");

        assertRefusal(nested, RuleViolation.Kind.REFUSED, "replacement.principal", "credit-line-exceeded",
                "replacement: over the line");
        assertThat(nested.getStackTrace()).isEqualTo(refusal.getStackTrace());
    }

    @Test
    void a_refusal_of_a_whole_replacement_names_the_replacement() {
        assertThat(RuleViolation.invalid(null, "required", "missing").within("replacement").field())
                .isEqualTo("replacement");
        assertThat(RuleViolation.invalid("", "required", "missing").within("replacement").field())
                .isEqualTo("replacement");
    }

    @Test
    void every_problem_of_a_replacement_names_the_field_inside_it() {
        Input.InvalidInput invalid = new Input.InvalidInput(java.util.List.of(
                RuleViolation.invalid("principal", "amount-format", "principal: 'abc' is not an amount"),
                RuleViolation.invalid("issuedOn", "required", "issuedOn is required")));

        Input.InvalidInput nested = invalid.within("replacement");

        assertThat(nested.problems()).extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replacement.principal", "amount-format"),
                        org.assertj.core.groups.Tuple.tuple("replacement.issuedOn", "required"));
        assertThat(nested.getMessage()).isEqualTo("replacement: principal: 'abc' is not an amount; "
                + "replacement: issuedOn is required");
    }

    private static void assertRefusal(RuleViolation violation, RuleViolation.Kind kind, String field, String rule,
                                      String message) {
        assertThat(violation.kind()).isEqualTo(kind);
        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.rule()).isEqualTo(rule);
        assertThat(violation.getMessage()).isEqualTo(message);
    }
}
