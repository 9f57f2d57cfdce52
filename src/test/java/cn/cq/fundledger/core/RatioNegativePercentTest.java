package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A negative percentage is refused with a sentence that quotes what the caller wrote. */
class RatioNegativePercentTest {

    @ParameterizedTest
    @ValueSource(strings = {"-80", "-3.65%"})
    void the_refusal_of_a_negative_percentage_quotes_the_text(String text) {
        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is negative");
    }
}
