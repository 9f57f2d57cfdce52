package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Equal amounts are neither greater nor less than each other: the rules that compare money (a loan up to its
 * credit line, a claim paid when the balance covers it) accept an amount equal to the limit.
 */
class MoneyComparisonTest {

    private static final Money LINE = Money.parse("500万");

    @Test
    void an_amount_equal_to_another_is_neither_greater_nor_less() {
        Money same = Money.ofFen(LINE.fen());

        assertThat(same.isGreaterThan(LINE)).isFalse();
        assertThat(same.isLessThan(LINE)).isFalse();
    }

    @Test
    void one_fen_decides_greater_and_less() {
        Money above = LINE.plus(Money.ofFen(1));
        Money below = LINE.minus(Money.ofFen(1));

        assertThat(above.isGreaterThan(LINE)).isTrue();
        assertThat(below.isGreaterThan(LINE)).isFalse();
        assertThat(below.isLessThan(LINE)).isTrue();
        assertThat(above.isLessThan(LINE)).isFalse();
    }

    @Test
    void only_zero_is_zero() {
        assertThat(Money.ofFen(1).isZero()).isFalse();
        assertThat(Money.ofFen(-1).isZero()).isFalse();
        assertThat(Money.ZERO.isZero()).isTrue();
    }

    @Test
    void the_smaller_and_the_larger_of_two_amounts() {
        Money less = Money.ofFen(99);
        Money more = Money.ofFen(100);

        assertThat(more.min(less)).isEqualTo(less);
        assertThat(less.min(more)).isEqualTo(less);
        assertThat(less.max(more)).isEqualTo(more);
        assertThat(more.max(less)).isEqualTo(more);
    }
}
