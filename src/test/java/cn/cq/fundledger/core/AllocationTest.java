package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Largest-remainder allocation on the awkward amounts that the equity fund's calls and distributions meet. */
class AllocationTest {

    private static List<Money> yuan(String... amounts) {
        return java.util.Arrays.stream(amounts).map(Money::parse).toList();
    }

    @Test
    void aHundredYuanOverThreeEqualPartnersGivesTheOddFenToTheFirst() {
        assertThat(Allocation.largestRemainder(Money.parse("100.00"), new long[]{1, 1, 1}))
                .isEqualTo(yuan("33.34", "33.33", "33.33"));
    }

    @Test
    void twoOddFenGoToTheTwoLargestRemainders() {
        // 0.05 yuan over 1:1:1 = 1.666.. fen each: floors 1,1,1; two fen left go to the first two (ties by position)
        assertThat(Allocation.largestRemainder(Money.ofFen(5), new long[]{1, 1, 1}))
                .isEqualTo(List.of(Money.ofFen(2), Money.ofFen(2), Money.ofFen(1)));
        // 10 fen over 1:2:4 = 1.43, 2.86, 5.71: floors 1,2,5, one fen left to the largest remainder (2.86)
        assertThat(Allocation.largestRemainder(Money.ofFen(10), new long[]{1, 2, 4}))
                .isEqualTo(List.of(Money.ofFen(1), Money.ofFen(3), Money.ofFen(6)));
    }

    @Test
    void theLargerRemainderWinsOverTheEarlierPosition() {
        // 1 fen over 1:2 = 0.33, 0.67: the second party's remainder is larger
        assertThat(Allocation.largestRemainder(Money.ofFen(1), new long[]{1, 2}))
                .isEqualTo(List.of(Money.ZERO, Money.ofFen(1)));
    }

    @Test
    void theSamplesCommitmentsShareACallExactly() {
        // 市级 4亿, 国家 2亿, 社会资本 4亿; a call of 3亿
        assertThat(Allocation.largestRemainder(Money.parse("3亿"), new long[]{400_000_000_00L, 200_000_000_00L,
                400_000_000_00L})).isEqualTo(yuan("1.2亿", "0.6亿", "1.2亿"));
    }

    @Test
    void aPartyWithoutWeightGetsNothing() {
        assertThat(Allocation.largestRemainder(Money.parse("0.07"), new long[]{0, 3, 0, 3}))
                .isEqualTo(List.of(Money.ZERO, Money.ofFen(4), Money.ZERO, Money.ofFen(3)));
    }

    @Test
    void zeroIsSharedAsZeros() {
        assertThat(Allocation.largestRemainder(Money.ZERO, new long[]{5, 7}))
                .isEqualTo(List.of(Money.ZERO, Money.ZERO));
    }

    @Test
    void hugeAmountsAndWeightsDoNotOverflow() {
        long big = Long.MAX_VALUE / 2;
        List<Money> parts = Allocation.largestRemainder(Money.ofFen(big), new long[]{big, big, 1});
        assertThat(parts.stream().mapToLong(Money::fen).sum()).isEqualTo(big);
    }

    @Test
    void aCapTakesTheOverflowToTheOthers() {
        // three equal partners of 100.00 yuan who paid 66.68, 66.66, 66.66: the last 100.00 fills them exactly
        List<Money> parts = Allocation.largestRemainder(Money.parse("100.00"), new long[]{1, 1, 1},
                new long[]{3332, 3334, 3334});
        assertThat(parts).isEqualTo(yuan("33.32", "33.34", "33.34"));
    }

    @Test
    void withoutABindingCapTheResultIsTheUncappedOne() {
        assertThat(Allocation.largestRemainder(Money.parse("100.00"), new long[]{1, 1, 1},
                new long[]{10_000, 10_000, 10_000})).isEqualTo(yuan("33.34", "33.33", "33.33"));
    }

    @Test
    void capsLeftToWeightlessPartiesAreFilledByRoom() {
        assertThat(Allocation.largestRemainder(Money.ofFen(10), new long[]{1, 0, 0}, new long[]{4, 3, 3}))
                .isEqualTo(List.of(Money.ofFen(4), Money.ofFen(3), Money.ofFen(3)));
    }

    @Test
    void refusesWhatCannotBeShared() {
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(1), new long[]{0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zero");
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(1), new long[]{1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(-1), new long[]{1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero or more");
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(11), new long[]{1, 1}, new long[]{5, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within caps");
        assertThatThrownBy(() -> Allocation.largestRemainder(Money.ofFen(1), new long[]{1, 1}, new long[]{5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one cap per weight");
    }
}
