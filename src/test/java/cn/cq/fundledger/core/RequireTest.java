package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks every command handler makes: each refusal names the field, the rule and how it reaches the caller. */
class RequireTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void a_missing_text_is_refused_as_required(String value) {
        assertRefused(() -> Require.text(value, "bankId"), RuleViolation.Kind.INVALID, "bankId", "required");
    }

    @Test
    void a_given_text_is_returned_as_sent() {
        assertThat(Require.text("icbc", "bankId")).isEqualTo("icbc");
    }

    @Test
    void a_reason_is_stripped_and_may_be_up_to_five_hundred_characters() {
        String longest = "错".repeat(Require.MAX_REASON);

        assertThat(Require.reason("  本金录入错误 ")).isEqualTo("本金录入错误");
        assertThat(Require.reason(longest)).isEqualTo(longest);
        assertThat(Require.reason(" " + longest + " ")).isEqualTo(longest);
    }

    @Test
    void a_reason_longer_than_five_hundred_characters_is_refused() {
        String tooLong = "x".repeat(Require.MAX_REASON + 1);

        assertRefused(() -> Require.reason(tooLong), RuleViolation.Kind.INVALID, "reason", "max-length");
        assertThatThrownBy(() -> Require.reason(tooLong)).hasMessageContaining("at most 500 characters, was 501");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void a_correction_without_a_reason_is_refused(String value) {
        assertRefused(() -> Require.reason(value), RuleViolation.Kind.INVALID, "reason", "required");
    }

    @Test
    void a_missing_value_is_refused_as_required() {
        assertRefused(() -> Require.present(null, "grade"), RuleViolation.Kind.INVALID, "grade", "required");
        assertThat(Require.present(LocalDate.of(2024, 4, 14), "evaluatedOn")).isEqualTo(LocalDate.of(2024, 4, 14));
    }

    @Test
    void a_missing_amount_is_required_before_it_is_checked() {
        assertRefused(() -> Require.positive(null, "principal"), RuleViolation.Kind.INVALID, "principal", "required");
        assertRefused(() -> Require.notNegative(null, "fee"), RuleViolation.Kind.INVALID, "fee", "required");
        assertRefused(() -> Require.atMostHundredPercent(null, "fundSharePct"), RuleViolation.Kind.INVALID,
                "fundSharePct", "required");
        assertRefused(() -> Require.notBefore(null, LocalDate.of(2017, 1, 1), "issuedOn", "the start"),
                RuleViolation.Kind.INVALID, "issuedOn", "required");
    }

    @Test
    void a_not_negative_amount_may_be_zero() {
        assertThat(Require.notNegative(Money.ZERO, "fee")).isEqualTo(Money.ZERO);
        assertThat(Require.notNegative(Money.ofFen(1), "fee")).isEqualTo(Money.ofFen(1));
    }

    @Test
    void a_negative_amount_is_refused_where_it_may_not_be_negative() {
        assertRefused(() -> Require.notNegative(Money.ofFen(-1), "fee"), RuleViolation.Kind.INVALID, "fee",
                "amount-not-negative");
        assertThatThrownBy(() -> Require.notNegative(Money.ofFen(-1), "fee")).hasMessage(
                "fee cannot be negative, was -0.01");
    }

    @Test
    void a_share_may_be_anything_from_zero_to_a_hundred_percent() {
        assertThat(Require.atMostHundredPercent(Ratio.ZERO, "fundSharePct")).isEqualTo(Ratio.ZERO);
        assertThat(Require.atMostHundredPercent(Ratio.HUNDRED_PERCENT, "fundSharePct"))
                .isEqualTo(Ratio.HUNDRED_PERCENT);
    }

    @Test
    void a_share_above_a_hundred_percent_is_refused() {
        assertRefused(() -> Require.atMostHundredPercent(Ratio.ofBasisPoints(10_001), "fundSharePct"),
                RuleViolation.Kind.INVALID, "fundSharePct", "ratio-range");
    }

    @Test
    void a_date_on_the_earliest_day_passes_and_one_before_it_is_refused() {
        LocalDate start = LocalDate.of(2017, 1, 1);

        assertThat(Require.notBefore(start, start, "issuedOn", "the start of the program")).isEqualTo(start);
        assertThat(Require.notBefore(start.plusDays(1), start, "issuedOn", "the start of the program"))
                .isEqualTo(start.plusDays(1));
        assertRefused(() -> Require.notBefore(start.minusDays(1), start, "issuedOn", "the start of the program"),
                RuleViolation.Kind.REFUSED, "issuedOn", "date-order");
        assertThatThrownBy(() -> Require.notBefore(start.minusDays(1), start, "issuedOn", "the start of the program"))
                .hasMessage("issuedOn 2016-12-31 is before the start of the program (2017-01-01)");
    }

    private static void assertRefused(ThrowingCallable check, RuleViolation.Kind kind, String field, String rule) {
        assertThatThrownBy(check).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.kind()).isEqualTo(kind);
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.rule()).isEqualTo(rule);
        });
    }
}
