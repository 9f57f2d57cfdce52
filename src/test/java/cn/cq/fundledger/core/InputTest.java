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

        input.name("borrower", " ");
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
        input.id("borrower", null);

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

        assertThat(input.name("borrower", "  重庆某科技有限公司 ")).isEqualTo("重庆某科技有限公司");
        assertThat(input.positiveAmount("principal", "500万")).isEqualTo(Money.ofFen(500_000_000L));
        assertThat(input.nonNegativeAmount("fee", "0")).isEqualTo(Money.ZERO);
        assertThat(input.percentUpToHundred("fundShare", "100")).isEqualTo(Ratio.HUNDRED_PERCENT);
        assertThat(input.percent("rate", "3.65%")).isEqualTo(Ratio.ofBasisPoints(365));
        assertThat(input.date("issuedOn", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(input.integer("termMonths", "12")).isEqualTo(12);
        assertThat(input.choice("level", "City", Level.class)).isEqualTo(Level.CITY);
        assertThat(input.optionalId("bankId", "  ")).isNull();
        assertThat(input.optionalId("bankId", " B01 ")).isEqualTo("B01");

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

    @Test
    void ids_and_districts_hold_at_most_64_characters_names_200_and_reasons_500_counted_as_people_count_them() {
        Input input = new Input();
        String cjk64 = "渝".repeat(64);
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units

        assertThat(input.id("loanId", cjk64)).isEqualTo(cjk64);
        assertThat(input.id("loanId", emoji.repeat(64))).hasSize(128);
        assertThat(input.name("name", "某".repeat(200))).hasSize(200);
        assertThat(input.reason("reason", "错".repeat(500))).hasSize(500);
        assertThat(input.isValid()).isTrue();

        input.id("loanId", "L".repeat(65));
        input.id("district", "渝".repeat(10_000));
        input.name("enterpriseName", "某".repeat(201));
        input.reason("reason", "x".repeat(501));
        assertThat(input.problems()).extracting(RuleViolation::field, RuleViolation::rule).containsExactly(
                tuple("loanId", "max-length"), tuple("district", "max-length"),
                tuple("enterpriseName", "max-length"), tuple("reason", "max-length"));
        assertThat(input.problems().get(0).getMessage()).isEqualTo("loanId is at most 64 characters, was 65");
    }

    @ParameterizedTest
    @ValueSource(strings = {"L\u0000", "L\u0007x", "a\u001b[31m", "L1\nL2", "L1\rL2", "L\tL", "L\u007f",
            "L\u0085", "L\u2028x", "L\u202Eevil", "L\u2066", "L\uFEFF", "L\uD800", "\uDC00L"})
    void refuses_control_and_invisible_characters_and_broken_utf16_anywhere_in_a_text(String text) {
        Input input = new Input();

        assertThat(input.id("bankId", text)).isNull();
        assertThat(input.name("name", text + "公司")).isNull();

        assertThat(input.problems()).extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(tuple("bankId", "control-character"), tuple("name", "control-character"));
    }

    @Test
    void printable_text_of_any_script_and_symbols_is_accepted_verbatim() {
        Input input = new Input();
        String text = "重庆银行（两江分行）O'Brien & Co. <b>\"x\"</b> ; DROP TABLE t; -- \uD83D\uDE00";

        assertThat(input.name("name", text)).isEqualTo(text);
        assertThat(input.isValid()).isTrue();
    }

    @Test
    void the_aggregates_apply_the_same_limits_to_commands_that_arrive_by_any_path() {
        assertThat(Require.text("L".repeat(64), "loanId")).hasSize(64);
        assertThatThrownBy(() -> Require.text("L".repeat(65), "loanId")).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.rule()).isEqualTo("max-length"));
        assertThatThrownBy(() -> Require.name("A\u0000", "name")).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.rule()).isEqualTo("control-character"));
        assertThat(Require.name("某".repeat(200), "name")).hasSize(200);
        assertThatThrownBy(() -> Require.reason("r".repeat(501))).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.rule()).isEqualTo("max-length"));
    }
}
