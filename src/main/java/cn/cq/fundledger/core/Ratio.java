package cn.cq.fundledger.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * A proportion in basis points: 10000 = 100%, 8000 = 80%, 365 = 3.65%. Used for risk-sharing
 * ratios, city shares, equity stakes and interest rates; never a floating-point number.
 */
public record Ratio(int basisPoints) implements Comparable<Ratio> {

    public static final int ONE = 10_000;
    public static final Ratio ZERO = new Ratio(0);
    public static final Ratio HUNDRED_PERCENT = new Ratio(ONE);

    private static final Pattern PERCENT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public Ratio {
        if (basisPoints < 0) {
            throw new IllegalArgumentException("a ratio cannot be negative: " + basisPoints + " basis points");
        }
    }

    public static Ratio ofBasisPoints(int basisPoints) {
        return new Ratio(basisPoints);
    }

    /** A ratio from a percentage as people write it: "80" is 80%, "3.65" is 3.65%; at most two decimals. */
    public static Ratio parsePercent(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("percentage is empty");
        }
        String s = text.strip();
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (!PERCENT.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage (e.g. 80 or 3.65)");
        }
        BigDecimal bp = new BigDecimal(s).movePointRight(2);
        if (bp.signum() != 0 && bp.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' has more than two decimals of a percent");
        }
        if (bp.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        try {
            return new Ratio(bp.setScale(0, RoundingMode.UNNECESSARY).intValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    public boolean isAtMostHundredPercent() {
        return basisPoints <= ONE;
    }

    /** The complement to 100%: the bank's share when this is the fund's share. */
    public Ratio complement() {
        if (basisPoints > ONE) {
            throw new IllegalStateException("no complement of a ratio above 100%: " + this);
        }
        return new Ratio(ONE - basisPoints);
    }

    /**
     * {@code amount × ratio}, rounded half-even to a whole unit; exact for any long amount. Up to 100% the
     * result cannot overflow; above 100% an {@link ArithmeticException} says that it does not fit.
     */
    long applyHalfEven(long amount) {
        // truncating division keeps every partial result between zero and the exact product, so no
        // intermediate step overflows when the product itself fits (floorDiv would overshoot Long.MIN_VALUE)
        long whole = amount / ONE;
        long rest = amount % ONE;                // -9999..9999, same sign as amount
        long product = rest * basisPoints;       // |product| < 10^4 * 2^31, no overflow
        long truncated = Math.addExact(Math.multiplyExact(whole, (long) basisPoints), product / ONE);
        long remainder = Math.abs(product % ONE); // the dropped fraction, in units of 1/10000
        boolean awayFromZero = remainder * 2 > ONE || (remainder * 2 == ONE && (truncated & 1) != 0);
        if (!awayFromZero) {
            return truncated;
        }
        return amount < 0 ? Math.subtractExact(truncated, 1) : Math.addExact(truncated, 1);
    }

    /** The percentage as people write it: "80", "3.65", "12.5". */
    public String toPercentString() {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(Ratio other) {
        return Integer.compare(basisPoints, other.basisPoints);
    }

    @Override
    public String toString() {
        return toPercentString() + "%";
    }
}
