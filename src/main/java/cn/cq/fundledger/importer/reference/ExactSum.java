package cn.cq.fundledger.importer.reference;

/**
 * Hands out {@code count} amounts one at a time so that they add up exactly to {@code total}, each amount
 * within {@code [min, max]}. Each amount is what the caller wishes (drawn around {@link #mean()}), clamped
 * to what keeps the rest feasible: after every step the remaining total can still be made of the remaining
 * count of amounts within the bounds, and the last amount is exactly what is left. This is how the
 * published figures come out exact to the fen without any amount being an outlier.
 */
final class ExactSum {

    private final long min;
    private final long max;
    private long remaining;
    private int left;

    ExactSum(long total, int count, long min, long max) {
        if (count <= 0 || min <= 0 || max < min) {
            throw new IllegalArgumentException("bad bounds");
        }
        if (total < count * min || total > count * max) {
            throw new IllegalArgumentException(total + " cannot be made of " + count + " amounts in [" + min + ", "
                    + max + "]");
        }
        this.remaining = total;
        this.left = count;
        this.min = min;
        this.max = max;
    }

    /** The mean of the amounts still to hand out. */
    long mean() {
        return remaining / left;
    }

    /** The least the next amount may be. */
    long low() {
        return left == 1 ? remaining : Math.max(min, remaining - (left - 1) * max);
    }

    /** The most the next amount may be. */
    long high() {
        return left == 1 ? remaining : Math.min(max, remaining - (left - 1) * min);
    }

    /**
     * The next amount: the wish clamped to {@code [low(), min(high(), ceiling)]}.
     *
     * @throws IllegalStateException if the ceiling is below {@link #low()} (the caller must choose so that
     *                               it is not)
     */
    long take(long wish, long ceiling) {
        if (left == 0) {
            throw new IllegalStateException("every amount is handed out");
        }
        long low = low();
        long high = Math.min(high(), ceiling);
        if (high < low) {
            throw new IllegalStateException("ceiling " + ceiling + " below the least feasible amount " + low);
        }
        long amount = Math.max(low, Math.min(high, wish));
        remaining -= amount;
        left--;
        return amount;
    }

    boolean done() {
        return left == 0 && remaining == 0;
    }
}
