package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputTest {

    enum Level { CITY, DISTRICT }

    @Test
    void collects_every_problem_of_a_row_instead_of_stopping_at_the_first() {
        Input input = new Input();

        input.text("borrower", " ");
        input.positiveAmount("principal", "12.345");
        input.percentUpToHundred("fundShare", "150");
        input.date("issuedOn", "2024-02-30");
        input.integer("termMonths", "12个月");
        input.choice("level", "province", Level.class);
        input.nonNegativeAmount("fee", "-1");
        input.percent("rate", "3.655");

        assertThat(input.isValid()).isFalse();
        assertThat(input.problems())
                .extracting(RuleViolation::field, RuleViolation::rule, RuleViolation::kind)
                .containsExactly(
                        tuple("borrower", "required", RuleViolation.Kind.INVALID),
                        tuple("principal", "amount-format", RuleViolation.Kind.INVALID),
                        tuple("fundShare", "ratio-range", RuleViolation.Kind.INVALID),
                        tuple("issuedOn", "date-format", RuleViolation.Kind.INVALID),
                        tuple("termMonths", "integer-format", RuleViolation.Kind.INVALID),
                        tuple("level", "choice", RuleViolation.Kind.INVALID),
                        tuple("fee", "amount-not-negative", RuleViolation.Kind.INVALID),
                        tuple("rate", "percent-format", RuleViolation.Kind.INVALID));
        assertThat(input.problems().get(5).getMessage()).isEqualTo("level: 'province' is not one of city, district");
    }

    @Test
    void throws_all_collected_problems_at_once() {
        Input input = new Input();
        input.amount("principal", "abc");
        input.text("borrower", null);

        assertThatThrownBy(input::orThrow)
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> {
                    assertThat(e.problems()).extracting(RuleViolation::field).containsExactly("principal", "borrower");
                    assertThat(e.getMessage()).contains("principal: 'abc' is not an amount").contains("; ")
                            .contains("borrower is required");
                });
    }

    @Test
    void reads_a_valid_row_into_typed_values() {
        Input input = new Input();

        assertThat(input.text("borrower", "  重庆某科技有限公司 ")).isEqualTo("重庆某科技有限公司");
        assertThat(input.positiveAmount("principal", "500万")).isEqualTo(Money.ofFen(500_000_000L));
        assertThat(input.nonNegativeAmount("fee", "0")).isEqualTo(Money.ZERO);
        assertThat(input.percentUpToHundred("fundShare", "100")).isEqualTo(Ratio.HUNDRED_PERCENT);
        assertThat(input.percent("rate", "3.65%")).isEqualTo(Ratio.ofBasisPoints(365));
        assertThat(input.date("issuedOn", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(input.integer("termMonths", "12")).isEqualTo(12);
        assertThat(input.choice("level", "City", Level.class)).isEqualTo(Level.CITY);
        assertThat(input.optionalText("  ")).isNull();

        assertThat(input.isValid()).isTrue();
        assertThat(input.problems()).isEmpty();
        assertThatCode(input::orThrow).doesNotThrowAnyException();
    }

    @Test
    void a_missing_amount_is_reported_once_as_required() {
        Input input = new Input();

        assertThat(input.positiveAmount("principal", "")).isNull();

        assertThat(input.problems()).extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(tuple("principal", "required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100.01", "101"})
    void refuses_a_share_above_a_hundred_percent(String value) {
        Input input = new Input();

        assertThat(input.percentUpToHundred("fundShare", value)).isNull();

        assertThat(input.problems()).extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(tuple("fundShare", "ratio-range"));
    }

    @Test
    void a_non_negative_amount_may_be_zero_but_not_negative() {
        Input input = new Input();

        assertThat(input.nonNegativeAmount("fee", "0.00")).isEqualTo(Money.ZERO);
        assertThat(input.nonNegativeAmount("fee", "-0.01")).isNull();

        assertThat(input.problems()).extracting(RuleViolation::rule).containsExactly("amount-not-negative");
    }

    @Test
    void problems_added_by_the_caller_are_kept_with_the_others() {
        Input input = new Input();
        input.amount("principal", "1.001");
        input.add(RuleViolation.invalid("maturesOn", "date-order", "maturesOn is before issuedOn"));

        assertThat(input.problems()).extracting(RuleViolation::field).containsExactly("principal", "maturesOn");
    }
}
