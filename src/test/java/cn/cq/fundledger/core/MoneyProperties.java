package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The rules of {@link Money} that must hold for every amount, checked against an independent
 * computation in {@link BigDecimal}.
 */
class MoneyProperties {

    private static final BigDecimal BASIS_POINTS_PER_ONE = BigDecimal.valueOf(10_000);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern DISPLAY = Pattern.compile("(-?(?:0|[1-9][0-9]*)(?:\\.[0-9]?[1-9])?)(万|亿)?");

    // --- parsing and printing -----------------------------------------------------------------

    @Property
    void yuan_form_parses_back_to_the_same_amount(@ForAll("amounts") long fen) {
        Money money = Money.ofFen(fen);

        assertThat(Money.parse(money.toYuanString())).isEqualTo(money);
    }

    @Property
    void yuan_form_has_exactly_two_decimals(@ForAll("amounts") long fen) {
        assertThat(Money.ofFen(fen).toYuanString()).matches("-?(0|[1-9][0-9]*)\\.[0-9]{2}");
    }

    @Property
    void yuan_form_with_thousands_separators_parses_back(@ForAll("amounts") long fen) {
        DecimalFormat grouped = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));

        assertThat(Money.parse(grouped.format(BigDecimal.valueOf(fen, 2)))).isEqualTo(Money.ofFen(fen));
    }

    @Property
    void exact_wan_and_yi_forms_parse_to_the_same_amount(@ForAll("amounts") long fen) {
        BigDecimal wan = BigDecimal.valueOf(fen, 6);
        BigDecimal yi = BigDecimal.valueOf(fen, 10);

        assertThat(Money.parse(wan.toPlainString() + "万")).isEqualTo(Money.ofFen(fen));
        assertThat(Money.parse(wan.stripTrailingZeros().toPlainString() + "万")).isEqualTo(Money.ofFen(fen));
        assertThat(Money.parse(yi.toPlainString() + "亿")).isEqualTo(Money.ofFen(fen));
        assertThat(Money.parse(yi.stripTrailingZeros().toPlainString() + "亿")).isEqualTo(Money.ofFen(fen));
    }

    @Property
    void a_fraction_of_a_fen_is_refused(@ForAll("amounts") long fen, @ForAll @IntRange(min = 1, max = 9) int digit) {
        String yuan = BigDecimal.valueOf(fen, 2).toPlainString() + digit;
        String wan = BigDecimal.valueOf(fen, 6).toPlainString() + digit + "万";
        String yi = BigDecimal.valueOf(fen, 10).toPlainString() + digit + "亿";

        for (String text : new String[] {yuan, wan, yi}) {
            assertThatThrownBy(() -> Money.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("more than two decimals");
        }
    }

    @Property
    void an_amount_beyond_a_long_of_fen_is_refused(@ForAll @LongRange(min = 1) long beyond,
            @ForAll boolean negative) {
        BigInteger fen = negative
                ? LONG_MIN.subtract(BigInteger.valueOf(beyond))
                : LONG_MAX.add(BigInteger.valueOf(beyond));
        String text = new BigDecimal(fen, 2).toPlainString();

        assertThatThrownBy(() -> Money.parse(text))
                .as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    // --- display form ---------------------------------------------------------------------------

    @Property
    void display_form_parses_back_to_the_amount_rounded_to_the_display_precision(@ForAll("amounts") long fen) {
        String display = Money.ofFen(fen).toDisplayString();
        BigInteger expected = roundedToDisplayPrecision(fen);

        if (fitsInLong(expected)) {
            assertThat(Money.parse(display)).as(display).isEqualTo(Money.ofFen(expected.longValueExact()));
        } else {
            // only the extremes of a long round beyond it: the text still says the rounded value
            assertThat(valueOfDisplay(display)).as(display).isEqualTo(expected);
        }
    }

    @Property
    void display_form_uses_the_largest_unit_that_keeps_the_number_at_least_one(@ForAll("amounts") long fen) {
        String display = Money.ofFen(fen).toDisplayString();
        Matcher m = DISPLAY.matcher(display);

        assertThat(m.matches()).as("'%s' has at most two decimals, no trailing zeros, no exponent", display).isTrue();
        BigDecimal number = new BigDecimal(m.group(1)).abs();
        String unit = m.group(2) == null ? "" : m.group(2);
        assertThat(Long.signum(fen)).as(display).isEqualTo(new BigDecimal(m.group(1)).signum());
        switch (unit) {
            case "" -> assertThat(number).as(display).isLessThan(BigDecimal.valueOf(10_000));
            case "万" -> assertThat(number).as(display).isGreaterThanOrEqualTo(BigDecimal.ONE)
                    .isLessThan(BigDecimal.valueOf(10_000));
            case "亿" -> assertThat(number).as(display).isGreaterThanOrEqualTo(BigDecimal.ONE);
            default -> throw new AssertionError(display);
        }
    }

    /** Yuan are shown exactly; 万 and 亿 to two decimals, that is to 100 yuan and to 100万 yuan. */
    private static BigInteger roundedToDisplayPrecision(long fen) {
        BigInteger abs = BigInteger.valueOf(fen).abs();
        long step;
        if (abs.compareTo(BigInteger.valueOf(1_000_000L)) < 0) {
            step = 1L;
        } else if (abs.compareTo(BigInteger.valueOf(10_000_000_000L)) < 0) {
            step = 10_000L;
        } else {
            step = 100_000_000L;
        }
        return new BigDecimal(fen).divide(BigDecimal.valueOf(step)).setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact().multiply(BigInteger.valueOf(step));
    }

    private static BigInteger valueOfDisplay(String display) {
        int shift = display.endsWith("亿") ? 10 : display.endsWith("万") ? 6 : 2;
        String number = shift == 2 ? display : display.substring(0, display.length() - 1);
        return new BigDecimal(number).movePointRight(shift).toBigIntegerExact();
    }

    // --- split ------------------------------------------------------------------------------------

    @Property
    void split_shares_add_up_to_the_amount(@ForAll("amounts") long fen, @ForAll("ratios") int bp) {
        Money.Split split = Money.ofFen(fen).split(Ratio.ofBasisPoints(bp));

        assertThat(split.total()).isEqualTo(Money.ofFen(fen));
    }

    @Property
    void first_share_is_the_amount_times_the_ratio_rounded_half_even(@ForAll("amounts") long fen,
            @ForAll("ratios") int bp) {
        Money.Split split = Money.ofFen(fen).split(Ratio.ofBasisPoints(bp));

        assertThat(split.first().fen()).isEqualTo(halfEvenShare(fen, bp).longValueExact());
        assertThat(split.second().fen()).isEqualTo(BigInteger.valueOf(fen).subtract(halfEvenShare(fen, bp))
                .longValueExact());
    }

    @Property
    void above_a_hundred_percent_the_first_share_is_exact_or_refused(@ForAll("amounts") long fen,
            @ForAll @IntRange(min = 10_001) int bp) {
        BigInteger expected = halfEvenShare(fen, bp);

        if (fitsInLong(expected)) {
            Money.Split split = Money.ofFen(fen).split(Ratio.ofBasisPoints(bp));
            assertThat(split.first().fen()).isEqualTo(expected.longValueExact());
            assertThat(split.total()).isEqualTo(Money.ofFen(fen));
        } else {
            assertThatThrownBy(() -> Money.ofFen(fen).split(Ratio.ofBasisPoints(bp)))
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void both_shares_lie_between_zero_and_the_amount(@ForAll("amounts") long fen, @ForAll("ratios") int bp) {
        Money.Split split = Money.ofFen(fen).split(Ratio.ofBasisPoints(bp));
        long low = Math.min(0, fen);
        long high = Math.max(0, fen);

        assertThat(split.first().fen()).isBetween(low, high);
        assertThat(split.second().fen()).isBetween(low, high);
    }

    @Property
    void a_larger_ratio_never_gives_a_smaller_first_share(@ForAll("amounts") long fen, @ForAll("ratios") int bp1,
            @ForAll("ratios") int bp2) {
        Money money = Money.ofFen(fen);
        long first1 = money.split(Ratio.ofBasisPoints(Math.min(bp1, bp2))).first().fen();
        long first2 = money.split(Ratio.ofBasisPoints(Math.max(bp1, bp2))).first().fen();

        // the first share moves from zero toward the amount as the ratio grows
        if (fen >= 0) {
            assertThat(first1).isLessThanOrEqualTo(first2);
        } else {
            assertThat(first1).isGreaterThanOrEqualTo(first2);
        }
    }

    @Property
    void a_larger_amount_never_gives_a_smaller_first_share(@ForAll("amounts") long fen,
            @ForAll @LongRange(min = 0, max = 20_000) long more, @ForAll("ratios") int bp) {
        Assume.that(fen <= Long.MAX_VALUE - more);
        Ratio ratio = Ratio.ofBasisPoints(bp);

        assertThat(Money.ofFen(fen).split(ratio).first())
                .isLessThanOrEqualTo(Money.ofFen(fen + more).split(ratio).first());
    }

    private static BigInteger halfEvenShare(long fen, int bp) {
        return new BigDecimal(fen).multiply(BigDecimal.valueOf(bp)).divide(BASIS_POINTS_PER_ONE)
                .setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    private static boolean fitsInLong(BigInteger value) {
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }

    // --- generators -------------------------------------------------------------------------------

    /**
     * Any long, with extra weight where the rules are delicate: around one 万 and one 亿, on exact
     * half-way points of the display precision, and at the extremes of a long.
     */
    @Provide
    Arbitrary<Long> amounts() {
        Arbitrary<Long> sign = Arbitraries.of(1L, -1L);
        Arbitrary<Long> nearUnits = Arbitraries.of(1_000_000L, 9_999_995_000L, 10_000_000_000L)
                .flatMap(unit -> Arbitraries.longs().between(-20_000, 20_000).map(offset -> unit + offset));
        Arbitrary<Long> displayTies = Arbitraries.oneOf(
                Arbitraries.longs().between(100, 999_998).map(n -> n * 10_000L + 5_000L),
                Arbitraries.longs().between(100, 92_233_720_367L).map(n -> n * 100_000_000L + 50_000_000L));
        Arbitrary<Long> nearExtremes = Arbitraries.longs().between(0, 100_000_000_000L)
                .flatMap(offset -> Arbitraries.of(Long.MAX_VALUE - offset, Long.MIN_VALUE + offset));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs()),
                Tuple.of(3, Arbitraries.longs().between(-100_000_000_000_000L, 100_000_000_000_000L)),
                Tuple.of(2, Arbitraries.longs().between(-100_000L, 100_000L)),
                Tuple.of(2, nearUnits.flatMap(n -> sign.map(s -> s * n))),
                Tuple.of(2, displayTies.flatMap(n -> sign.map(s -> s * n))),
                Tuple.of(1, nearExtremes));
    }

    /** Ratios from 0% to 100%, with extra weight on the ones that produce half-fen ties. */
    @Provide
    Arbitrary<Integer> ratios() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, Ratio.ONE)),
                Tuple.of(1, Arbitraries.of(0, 1, 1250, 2500, 5000, 7500, 8000, 9999, Ratio.ONE)));
    }
}
