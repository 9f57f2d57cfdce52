package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A field that is missing is reported once as required and read as nothing, whatever its type; a field that is
 * wrong is read as nothing too (never as a made-up value), so that every problem of a row is reported at once.
 */
class InputMissingOrWrongValuesTest {

    enum Source { CITY, DISTRICT }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void a_missing_typed_field_is_required_and_read_as_nothing(String missing) {
        Input input = new Input();

        assertThat(input.date("issuedOn", missing)).isNull();
        assertThat(input.integer("termMonths", missing)).isNull();
        assertThat(input.choice("source", missing, Source.class)).isNull();
        assertThat(input.percent("annualRatePct", missing)).isNull();
        assertThat(input.percentUpToHundred("fundSharePct", missing)).isNull();
        assertThat(input.nonNegativeAmount("interest", missing)).isNull();

        assertThat(input.problems()).extracting(RuleViolation::field, RuleViolation::rule).containsExactly(
                tuple("issuedOn", "required"), tuple("termMonths", "required"), tuple("source", "required"),
                tuple("annualRatePct", "required"), tuple("fundSharePct", "required"), tuple("interest", "required"));
    }

    @Test
    void a_wrong_number_is_read_as_nothing() {
        Input input = new Input();

        assertThat(input.integer("termMonths", "12个月")).isNull();
        assertThat(input.integer("termMonths", " 6 ")).isEqualTo(6);
    }

    @Test
    void an_amount_or_percentage_that_does_not_parse_is_reported_once_by_its_format() {
        Input input = new Input();

        assertThat(input.nonNegativeAmount("interest", "abc")).isNull();
        assertThat(input.percentUpToHundred("fundSharePct", "八十")).isNull();

        assertThat(input.problems()).extracting(RuleViolation::field, RuleViolation::rule).containsExactly(
                tuple("interest", "amount-format"), tuple("fundSharePct", "percent-format"));
    }

    @Test
    void an_optional_id_is_stripped_or_nothing() {
        Input input = new Input();

        assertThat(input.optionalId("district", null)).isNull();
        assertThat(input.optionalId("district", "")).isNull();
        assertThat(input.optionalId("district", " \t")).isNull();
        assertThat(input.optionalId("district", "  渝北区 ")).isEqualTo("渝北区");
        assertThat(input.isValid()).isTrue();
    }
}
