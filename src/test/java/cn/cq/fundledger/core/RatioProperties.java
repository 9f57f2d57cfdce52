package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RatioProperties {

    @Property
    void percent_form_parses_back_to_the_same_ratio(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bp) {
        Ratio ratio = Ratio.ofBasisPoints(bp);

        assertThat(Ratio.parsePercent(ratio.toPercentString())).isEqualTo(ratio);
        assertThat(Ratio.parsePercent(ratio.toString())).isEqualTo(ratio);
        assertThat(Ratio.parsePercent(BigDecimal.valueOf(bp, 2).toPlainString())).isEqualTo(ratio);
    }

    @Property
    void a_third_decimal_of_a_percent_is_refused(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bp,
            @ForAll @IntRange(min = 1, max = 9) int digit) {
        String text = BigDecimal.valueOf(bp, 2).toPlainString() + digit;

        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than two decimals");
    }

    @Property
    void a_negative_percent_is_refused(@ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int bp) {
        String text = "-" + Ratio.ofBasisPoints(bp).toPercentString();

        assertThatThrownBy(() -> Ratio.parsePercent(text))
                .as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Ratio.ofBasisPoints(-bp)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void a_ratio_and_its_complement_make_a_hundred_percent(@ForAll @IntRange(min = 0, max = Ratio.ONE) int bp) {
        Ratio ratio = Ratio.ofBasisPoints(bp);

        assertThat(ratio.basisPoints() + ratio.complement().basisPoints()).isEqualTo(Ratio.ONE);
        assertThat(ratio.complement().complement()).isEqualTo(ratio);
    }
}
