package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RatioTest {

    @ParameterizedTest(name = "\"{0}\" is {1} bp")
    @CsvSource({
            "3.65, 365",
            "80, 8000",
            "80%, 8000",
            "' 80 % ', 8000",
            "12.5, 1250",
            "100, 10000",
            "0.01, 1",
            "0, 0",
            "0.00, 0",
            "150, 15000",
            "21474836.47, 2147483647",
    })
    void parses_a_percentage_into_basis_points(String text, int basisPoints) {
        assertThat(Ratio.parsePercent(text)).isEqualTo(Ratio.ofBasisPoints(basisPoints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.655", "0.001", "80.125", "12.5001"})
    void refuses_more_than_two_decimals_of_a_percent(String text) {
        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than two decimals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.01", "-80%", "-3.65"})
    void refuses_negative_percentages(String text) {
        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "80%%", "%", "1e2", "3.65E0", "+5", ".5", "5.", "1,000", "八十", "80 percent",
            "0x10"})
    void refuses_text_that_is_not_a_percentage(String text) {
        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a percentage");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refuses_nothing(String text) {
        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentage is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"21474836.48", "100000000"})
    void refuses_percentages_too_large_for_an_int_of_basis_points(String text) {
        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void cannot_be_negative() {
        assertThatThrownBy(() -> Ratio.ofBasisPoints(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ratio(Integer.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bp is \"{1}\"")
    @CsvSource({
            "8000, 80",
            "365, 3.65",
            "1250, 12.5",
            "10000, 100",
            "1, 0.01",
            "0, 0",
    })
    void prints_the_percentage_as_people_write_it(int basisPoints, String percent) {
        assertThat(Ratio.ofBasisPoints(basisPoints).toPercentString()).isEqualTo(percent);
        assertThat(Ratio.ofBasisPoints(basisPoints)).hasToString(percent + "%");
    }

    @Test
    void complement_is_the_rest_of_a_hundred_percent() {
        assertThat(Ratio.parsePercent("80").complement()).isEqualTo(Ratio.parsePercent("20"));
        assertThat(Ratio.ZERO.complement()).isEqualTo(Ratio.HUNDRED_PERCENT);
        assertThat(Ratio.HUNDRED_PERCENT.complement()).isEqualTo(Ratio.ZERO);
        assertThatThrownBy(() -> Ratio.ofBasisPoints(10001).complement()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void knows_whether_it_is_at_most_a_hundred_percent() {
        assertThat(Ratio.ofBasisPoints(10000).isAtMostHundredPercent()).isTrue();
        assertThat(Ratio.ofBasisPoints(0).isAtMostHundredPercent()).isTrue();
        assertThat(Ratio.ofBasisPoints(10001).isAtMostHundredPercent()).isFalse();
    }

    @Test
    void compares_by_size() {
        assertThat(Ratio.parsePercent("3.65")).isLessThan(Ratio.parsePercent("80"));
        assertThat(Ratio.parsePercent("80")).isEqualByComparingTo(Ratio.ofBasisPoints(8000));
    }
}
