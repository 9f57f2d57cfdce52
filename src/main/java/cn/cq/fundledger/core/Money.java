package cn.cq.fundledger.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An amount of renminbi as a whole number of fen (1 yuan = 100 fen), the only money type of the ledger.
 *
 * <p>Parsing is exact: "1234.56", "12.5万" and "2.98亿" become whole fen or are refused; there is no
 * floating point anywhere. Printing gives yuan with two decimals ({@link #toYuanString()}) or a
 * display form in 万/亿 with at most two decimals ({@link #toDisplayString()}).
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    static final long FEN_PER_YUAN = 100L;
    static final long FEN_PER_WAN = 10_000L * FEN_PER_YUAN;
    static final long FEN_PER_YI = 100_000_000L * FEN_PER_YUAN;

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /** Digits, optionally grouped by thousands ("1,234,567"), a fraction, a 万 or 亿 suffix; no exponent. */
    private static final Pattern AMOUNT = Pattern.compile("-?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?(万|亿)?");

    public static Money ofFen(long fen) {
        return fen == 0 ? ZERO : new Money(fen);
    }

    public static Money ofYuan(long yuan) {
        return new Money(Math.multiplyExact(yuan, FEN_PER_YUAN));
    }

    /**
     * Parses an amount in yuan, optionally with a 万 or 亿 suffix. Thousands separators (",", in groups
     * of three digits before the decimal point) and surrounding blanks are allowed; a comma anywhere
     * else ("12,5万", "1,23") is refused rather than dropped, since it may be a decimal comma. The
     * result must be a whole number of fen: "12.345" is refused, "12.345万" (123,450 yuan) is not.
     *
     * @throws IllegalArgumentException naming the rule that the text breaks
     */
    public static Money parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("amount is empty");
        }
        String s = text.strip();
        if (!AMOUNT.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an amount in yuan (e.g. 1234.56, 12.5万, 2.98亿)");
        }
        s = s.replace(",", "");
        int shift = 2;
        if (s.endsWith("万")) {
            shift = 6;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("亿")) {
            shift = 10;
            s = s.substring(0, s.length() - 1);
        }
        BigDecimal fen = new BigDecimal(s).movePointRight(shift);
        if (fen.signum() != 0 && fen.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' has more than two decimals of yuan (whole fen only)");
        }
        try {
            return ofFen(fen.setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    public Money plus(Money other) {
        return ofFen(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return ofFen(Math.subtractExact(fen, other.fen));
    }

    public Money negate() {
        return ofFen(Math.negateExact(fen));
    }

    public Money min(Money other) {
        return fen <= other.fen ? this : other;
    }

    public Money max(Money other) {
        return fen >= other.fen ? this : other;
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean isZero() {
        return fen == 0;
    }

    public boolean isGreaterThan(Money other) {
        return fen > other.fen;
    }

    public boolean isLessThan(Money other) {
        return fen < other.fen;
    }

    /**
     * Splits this amount in two: the first share is {@code ratio} of the amount rounded half-even to
     * the fen, the second share is the remainder, so the two always add up to the whole.
     */
    public Split split(Ratio ratio) {
        Money first = ofFen(ratio.applyHalfEven(fen));
        return new Split(first, minus(first));
    }

    /** The amount in yuan with exactly two decimals: "1234.50", "-0.05". */
    public String toYuanString() {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /**
     * The amount as people read it in reports: 亿 from one 亿 up, 万 from one 万 up, yuan below, with
     * at most two decimals (rounded half-even) and trailing zeros trimmed: "2.9亿", "217.2亿", "36万",
     * "1234.5", zero is "0". An amount that rounds to 10000万 is shown as "1亿".
     */
    public String toDisplayString() {
        if (fen == 0) {
            return "0";
        }
        BigDecimal yuan = BigDecimal.valueOf(fen, 2);
        BigDecimal wan = yuan.movePointLeft(4).setScale(2, RoundingMode.HALF_EVEN);
        // decided on the rounded 万 figure, so that 99,999,999.99 yuan reads "1亿", never "10000万"
        if (wan.abs().compareTo(TEN_THOUSAND) >= 0) {
            return trimmed(yuan.movePointLeft(8).setScale(2, RoundingMode.HALF_EVEN)) + "亿";
        }
        if (yuan.abs().compareTo(TEN_THOUSAND) >= 0) {
            return trimmed(wan) + "万";
        }
        return trimmed(yuan);
    }

    private static String trimmed(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    @Override
    public String toString() {
        return toYuanString();
    }

    /** The two shares of a {@link #split(Ratio)}; they add up to the amount split. */
    public record Split(Money first, Money second) {
        public Money total() {
            return first.plus(second);
        }
    }
}
