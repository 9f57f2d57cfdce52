package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The promises of {@link Allocation} for any amount and weights, checked against exact rational arithmetic:
 * the parts add up to the amount to the fen, each part is within one fen of its exact share, and the odd fen
 * go to the largest remainders.
 */
class AllocationProperties {

    @Property
    void the_parts_add_up_to_the_amount(@ForAll("amounts") long fen, @ForAll("weights") long[] weights) {
        Assume.that(sum(weights).signum() > 0);

        List<Money> parts = Allocation.largestRemainder(Money.ofFen(fen), weights);

        assertThat(parts).hasSize(weights.length);
        assertThat(total(parts)).isEqualTo(BigInteger.valueOf(fen));
    }

    @Property
    void each_part_is_its_exact_share_rounded_down_or_up(@ForAll("amounts") long fen,
                                                        @ForAll("weights") long[] weights) {
        BigInteger sum = sum(weights);
        Assume.that(sum.signum() > 0);

        List<Money> parts = Allocation.largestRemainder(Money.ofFen(fen), weights);

        for (int i = 0; i < weights.length; i++) {
            BigInteger exactTimesSum = BigInteger.valueOf(fen).multiply(BigInteger.valueOf(weights[i]));
            BigInteger floor = exactTimesSum.divide(sum);
            BigInteger part = BigInteger.valueOf(parts.get(i).fen());
            assertThat(part).as("part %d", i).isBetween(floor, floor.add(BigInteger.ONE));
            if (exactTimesSum.mod(sum).signum() == 0) {
                assertThat(part).as("an exact share is never rounded").isEqualTo(floor);
            }
        }
    }

    @Property
    void an_odd_fen_never_goes_to_a_smaller_remainder(@ForAll("amounts") long fen, @ForAll("weights") long[] weights) {
        BigInteger sum = sum(weights);
        Assume.that(sum.signum() > 0);

        List<Money> parts = Allocation.largestRemainder(Money.ofFen(fen), weights);

        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights.length; j++) {
                BigInteger ri = BigInteger.valueOf(fen).multiply(BigInteger.valueOf(weights[i])).mod(sum);
                BigInteger rj = BigInteger.valueOf(fen).multiply(BigInteger.valueOf(weights[j])).mod(sum);
                boolean iRoundedUp = roundedUp(fen, weights[i], sum, parts.get(i));
                boolean jRoundedUp = roundedUp(fen, weights[j], sum, parts.get(j));
                if (jRoundedUp && !iRoundedUp) {
                    // j got an odd fen and i did not: j's remainder is larger, or equal and j comes first
                    assertThat(rj.compareTo(ri) > 0 || (rj.equals(ri) && j < i)).as("%d over %d", j, i).isTrue();
                }
            }
        }
    }

    @Property
    void equal_weights_get_parts_that_differ_by_at_most_a_fen(@ForAll("amounts") long fen,
                                                               @ForAll @IntRange(min = 1, max = 12) int parties) {
        long[] weights = new long[parties];
        java.util.Arrays.fill(weights, 1);

        List<Money> parts = Allocation.largestRemainder(Money.ofFen(fen), weights);

        long max = parts.stream().mapToLong(Money::fen).max().orElseThrow();
        long min = parts.stream().mapToLong(Money::fen).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i - 1).fen()).as("earlier positions win ties").isGreaterThanOrEqualTo(parts.get(i).fen());
        }
    }

    @Property
    void the_same_input_always_gives_the_same_parts(@ForAll("amounts") long fen, @ForAll("weights") long[] weights) {
        Assume.that(sum(weights).signum() > 0);

        assertThat(Allocation.largestRemainder(Money.ofFen(fen), weights))
                .isEqualTo(Allocation.largestRemainder(Money.ofFen(fen), weights.clone()));
    }

    @Property
    void capped_parts_add_up_and_stay_within_their_caps(@ForAll("capped") Capped c) {
        List<Money> parts = Allocation.largestRemainder(Money.ofFen(c.total), c.weights, c.caps);

        assertThat(total(parts)).isEqualTo(BigInteger.valueOf(c.total));
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).fen()).as("part %d", i).isBetween(0L, c.caps[i]);
        }
    }

    @Property
    void caps_that_do_not_bind_change_nothing(@ForAll("amounts") long fen, @ForAll("weights") long[] weights) {
        Assume.that(sum(weights).signum() > 0);
        long[] caps = new long[weights.length];
        java.util.Arrays.fill(caps, fen);

        assertThat(Allocation.largestRemainder(Money.ofFen(fen), weights, caps))
                .isEqualTo(Allocation.largestRemainder(Money.ofFen(fen), weights));
    }

    @Property
    void calling_a_whole_commitment_in_instalments_fills_every_partner_exactly(
            @ForAll("weights") long[] commitments, @ForAll @IntRange(min = 1, max = 7) int instalments) {
        long committed = sum(commitments).longValueExact();
        Assume.that(committed > 0);
        long[] called = new long[commitments.length];
        long left = committed;
        for (int k = instalments; k >= 1; k--) {
            long call = left / k;
            long[] room = new long[commitments.length];
            for (int i = 0; i < room.length; i++) {
                room[i] = commitments[i] - called[i];
            }
            List<Money> parts = Allocation.largestRemainder(Money.ofFen(call), commitments, room);
            for (int i = 0; i < called.length; i++) {
                called[i] += parts.get(i).fen();
            }
            left -= call;
        }
        assertThat(called).containsExactly(commitments);
    }

    @Provide
    Arbitrary<Long> amounts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, 100_000_000_000_00L),
                Arbitraries.of(1L, 2L, 3L, 10_000L, 10_001L, 9_999L, Long.MAX_VALUE / 3));
    }

    @Provide
    Arbitrary<long[]> weights() {
        Arbitrary<Long> weight = Arbitraries.oneOf(Arbitraries.longs().between(0, 10),
                Arbitraries.longs().between(0, 1_000_000_000_00L), Arbitraries.of(0L, 1L, 3L, 7L));
        return weight.array(long[].class).ofMinSize(1).ofMaxSize(9);
    }

    @Provide
    Arbitrary<Capped> capped() {
        Arbitrary<long[]> weights = weights();
        return weights.flatMap(w -> {
            Arbitrary<long[]> caps = Arbitraries.longs().between(0, 1_000_000L).array(long[].class)
                    .ofSize(w.length);
            return caps.flatMap(cap -> Arbitraries.longs().between(0, sum(cap).longValueExact())
                    .map(total -> new Capped(total, w, cap)));
        });
    }

    record Capped(long total, long[] weights, long[] caps) {
        @Override
        public String toString() {
            return "total=" + total + " weights=" + java.util.Arrays.toString(weights) + " caps="
                    + java.util.Arrays.toString(caps);
        }
    }

    private static boolean roundedUp(long fen, long weight, BigInteger sum, Money part) {
        return BigInteger.valueOf(part.fen()).compareTo(BigInteger.valueOf(fen).multiply(BigInteger.valueOf(weight))
                .divide(sum)) > 0;
    }

    private static BigInteger sum(long[] values) {
        BigInteger sum = BigInteger.ZERO;
        for (long v : values) {
            sum = sum.add(BigInteger.valueOf(v));
        }
        return sum;
    }

    private static BigInteger total(List<Money> parts) {
        return parts.stream().map(p -> BigInteger.valueOf(p.fen())).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
