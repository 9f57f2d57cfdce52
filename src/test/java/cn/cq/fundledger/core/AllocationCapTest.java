package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A cap binds only a party whose share would exceed it; caps and totals that make no sense are refused. */
class AllocationCapTest {

    @Test
    void a_cap_that_a_share_only_reaches_does_not_bind() {
        long[] weights = {1, 1, 3};
        List<Money> uncapped = Allocation.largestRemainder(Money.ofFen(3), weights);

        // the first party's share is exactly its cap: the parts stay those of the uncapped sharing
        assertThat(uncapped).containsExactly(Money.ofFen(1), Money.ZERO, Money.ofFen(2));
        assertThat(Allocation.largestRemainder(Money.ofFen(3), weights, new long[]{1, 1, 3})).isEqualTo(uncapped);
    }

    @Test
    void a_negative_cap_is_refused() {
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(1), new long[]{1, 1}, new long[]{5, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a cap cannot be negative: -1");
    }

    @Test
    void a_negative_total_is_refused_even_within_caps() {
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(-1), new long[]{1, 1}, new long[]{5, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero or more");
    }
}
