package cn.cq.fundledger.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Shares an amount among several parties in proportion to their weights, to the fen, by the largest
 * remainder method (Hamilton): every party first gets the whole fen of its exact share, then the fen left
 * over go one each to the parties with the largest remainders, the earlier position winning a tie. The
 * parts therefore always add up to the amount, and each part is within one fen of its exact share.
 *
 * <p>Used for capital calls (pro rata to commitments) and distributions (pro rata to paid-in capital).
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Shares {@code total} in proportion to {@code weights}.
     *
     * @param total   the amount to share, zero or more
     * @param weights one non-negative weight per party, at least one positive
     * @return one part per weight, in the same order; the parts add up to {@code total}
     * @throws IllegalArgumentException for a negative total or weight, or when every weight is zero
     */
    public static List<Money> largestRemainder(Money total, long[] weights) {
        requireNotNegative(total);
        long[] parts = shares(total.fen(), weights, all(weights.length));
        return money(parts);
    }

    /**
     * Shares {@code total} in proportion to {@code weights}, no party receiving more than its cap: a party whose
     * share would exceed its cap gets exactly its cap, and what is left is shared among the others in
     * proportion to their weights, again by largest remainder, until no part exceeds its cap. When no cap binds
     * the result is that of {@link #largestRemainder(Money, long[])}. Should the parties left uncapped all weigh
     * nothing, the rest is shared in proportion to their remaining room.
     *
     * @param caps the most each party may receive, non-negative, adding up to at least {@code total}
     * @throws IllegalArgumentException for negative figures, arrays of different lengths, or a total above the
     *                                  sum of the caps
     */
    public static List<Money> largestRemainder(Money total, long[] weights, long[] caps) {
        requireNotNegative(total);
        if (caps.length != weights.length) {
            throw new IllegalArgumentException("one cap per weight: " + caps.length + " caps, " + weights.length
                    + " weights");
        }
        BigInteger room = BigInteger.ZERO;
        for (long cap : caps) {
            if (cap < 0) {
                throw new IllegalArgumentException("a cap cannot be negative: " + cap);
            }
            room = room.add(BigInteger.valueOf(cap));
        }
        if (room.compareTo(BigInteger.valueOf(total.fen())) < 0) {
            throw new IllegalArgumentException("cannot share " + total + " within caps adding up to "
                    + Money.ofFen(room.longValueExact()));
        }
        long[] parts = new long[weights.length];
        boolean[] capped = new boolean[weights.length];
        long remaining = total.fen();
        while (true) {
            boolean[] open = new boolean[weights.length];
            boolean anyWeight = false;
            for (int i = 0; i < weights.length; i++) {
                open[i] = !capped[i];
                anyWeight |= open[i] && weights[i] > 0;
            }
            long[] basis = anyWeight ? weights : caps;
            long[] share = remaining == 0 ? new long[weights.length] : shares(remaining, basis, open);
            boolean overflow = false;
            for (int i = 0; i < weights.length; i++) {
                if (open[i] && share[i] > caps[i]) {
                    capped[i] = true;
                    parts[i] = caps[i];
                    remaining -= caps[i];
                    overflow = true;
                }
            }
            if (!overflow) {
                for (int i = 0; i < weights.length; i++) {
                    if (open[i]) {
                        parts[i] = share[i];
                    }
                }
                return money(parts);
            }
        }
    }

    /** Largest-remainder shares of {@code total} among the parties marked in {@code among}; others get zero. */
    private static long[] shares(long total, long[] weights, boolean[] among) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("a weight cannot be negative: " + weights[i]);
            }
            if (among[i]) {
                sum = sum.add(BigInteger.valueOf(weights[i]));
            }
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("cannot share " + Money.ofFen(total) + " among weights that are all "
                    + "zero: " + Arrays.toString(weights));
        }
        BigInteger amount = BigInteger.valueOf(total);
        long[] parts = new long[weights.length];
        BigInteger[] remainders = new BigInteger[weights.length];
        long handedOut = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!among[i]) {
                remainders[i] = BigInteger.ZERO;
                continue;
            }
            BigInteger[] qr = amount.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            handedOut += parts[i];
        }
        long left = total - handedOut; // fewer than the number of parties with a remainder
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            if (among[i]) {
                order.add(i);
            }
        }
        // largest remainder first; a stable sort keeps the earlier position first among equals
        Collections.sort(order, Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int k = 0; k < left; k++) {
            parts[order.get(k)]++;
        }
        return parts;
    }

    private static boolean[] all(int n) {
        boolean[] every = new boolean[n];
        Arrays.fill(every, true);
        return every;
    }

    private static List<Money> money(long[] parts) {
        List<Money> result = new ArrayList<>(parts.length);
        for (long part : parts) {
            result.add(Money.ofFen(part));
        }
        return List.copyOf(result);
    }

    private static void requireNotNegative(Money total) {
        if (total == null || total.isNegative()) {
            throw new IllegalArgumentException("the amount to share must be zero or more, was " + total);
        }
    }
}
