package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Nested
    class Parse {

        @ParameterizedTest(name = "\"{0}\" is {1} fen")
        @CsvSource(delimiter = '|', value = {
                "1234.56              | 123456",
                "1234.5               | 123450",
                "1234                 | 123400",
                "0.01                 | 1",
                "0                    | 0",
                "-0                   | 0",
                "-0.05                | -5",
                "12.5万               | 12500000",
                "36万                 | 36000000",
                "2.98亿               | 29800000000",
                "217.2亿              | 2172000000000",
                "-12.5万              | -12500000",
                "12.345万             | 12345000",
                "1.234567万           | 1234567",
                "0.0000000001亿       | 1",
                "1,234.56             | 123456",
                "1,234,567.89         | 123456789",
                "'  36万  '           | 36000000",
                "92233720368547758.07  | 9223372036854775807",
                "-92233720368547758.08 | -9223372036854775808",
        })
        void reads_yuan_wan_and_yi_exactly(String text, long fen) {
            assertThat(Money.parse(text)).isEqualTo(Money.ofFen(fen));
        }

        @ParameterizedTest
        @ValueSource(strings = {"12.345", "0.001", "-0.005", "1234.567", "1.2345678万", "0.00000000001亿"})
        void refuses_fractions_of_a_fen(String text) {
            assertThatThrownBy(() -> Money.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("more than two decimals");
        }

        @ParameterizedTest
        @ValueSource(strings = {"92233720368547758.08", "-92233720368547758.09", "1000000000亿",
                "92233720368547.75808万", "99999999999999999999999999"})
        void refuses_amounts_that_do_not_fit_in_a_long_of_fen(String text) {
            assertThatThrownBy(() -> Money.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too large");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "12元", "￥12", "1.2.3", "--5", "+5", ".5", "5.", "-", "万", "12万亿", "12亿万",
                "12 万", "1 234", "NaN", "Infinity", "0x10", "１２", "12,5万", "0.1,2", "1,23", "1234,56", ",5", "5,",
                "1,,234"})
        void refuses_text_that_is_not_an_amount(String text) {
            assertThatThrownBy(() -> Money.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e5", "1E5", "1.2e3", "1e-2", "2.98E8", "1e2万"})
        void refuses_exponent_notation(String text) {
            assertThatThrownBy(() -> Money.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an amount");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void refuses_nothing(String text) {
            assertThatThrownBy(() -> Money.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("amount is empty");
        }

        @Test
        void accepts_trailing_zeros_beyond_the_fen_when_the_value_is_whole_fen() {
            assertThat(Money.parse("12.340")).isEqualTo(Money.ofFen(1234));
        }
    }

    @Nested
    class Print {

        @ParameterizedTest(name = "{0} fen is \"{1}\"")
        @CsvSource({
                "123456, 1234.56",
                "123450, 1234.50",
                "100, 1.00",
                "5, 0.05",
                "-5, -0.05",
                "0, 0.00",
                "-123456, -1234.56",
                "9223372036854775807, 92233720368547758.07",
                "-9223372036854775808, -92233720368547758.08",
        })
        void yuan_with_exactly_two_decimals(long fen, String yuan) {
            assertThat(Money.ofFen(fen).toYuanString()).isEqualTo(yuan);
            assertThat(Money.ofFen(fen)).hasToString(yuan);
        }

        @ParameterizedTest(name = "{0} is displayed \"{1}\"")
        @CsvSource({
                "2.9亿, 2.9亿",
                "217.2亿, 217.2亿",
                "2.98亿, 2.98亿",
                "36万, 36万",
                "0, 0",
                "1234.5, 1234.5",
                "1234.56, 1234.56",
                "100, 100",
                "0.05, 0.05",
                "9999.99, 9999.99",
                "1万, 1万",
                "12.5万, 12.5万",
                "1亿, 1亿",
                "-36万, -36万",
                "-2.98亿, -2.98亿",
                "-0.05, -0.05",
        })
        void display_form_in_wan_and_yi_with_trailing_zeros_trimmed(String amount, String display) {
            assertThat(Money.parse(amount).toDisplayString()).isEqualTo(display);
        }

        @ParameterizedTest(name = "{0} is displayed \"{1}\"")
        @CsvSource({
                "2.985亿, 2.98亿",
                "2.975亿, 2.98亿",
                "2.995亿, 3亿",
                "2.9850001亿, 2.99亿",
                "1.005万, 1万",
                "1.015万, 1.02万",
                "1.0149万, 1.01万",
                "-2.985亿, -2.98亿",
                "-2.975亿, -2.98亿",
                "-2.9850001亿, -2.99亿",
        })
        void display_form_rounds_half_even_to_two_decimals(String amount, String display) {
            assertThat(Money.parse(amount).toDisplayString()).isEqualTo(display);
        }

        @ParameterizedTest(name = "{0} is displayed \"{1}\"")
        @CsvSource({
                "99999999.99, 1亿",
                "99999950, 1亿",
                "99999949.99, 9999.99万",
                "-99999999.99, -1亿",
        })
        void an_amount_that_rounds_to_ten_thousand_wan_is_displayed_in_yi(String amount, String display) {
            assertThat(Money.parse(amount).toDisplayString()).isEqualTo(display);
        }

        @Test
        void display_form_of_the_extremes() {
            assertThat(Money.ofFen(Long.MAX_VALUE).toDisplayString()).isEqualTo("922337203.69亿");
            assertThat(Money.ofFen(Long.MIN_VALUE).toDisplayString()).isEqualTo("-922337203.69亿");
            assertThat(Money.ofFen(Long.MIN_VALUE + 1).toDisplayString()).isEqualTo("-922337203.69亿");
        }
    }

    @Nested
    class Split {

        @ParameterizedTest(name = "{0} fen × {1} bp = {2} + {3}")
        @CsvSource({
                "10000, 8000, 8000, 2000",
                "1000000, 365, 36500, 963500",
                "100, 0, 0, 100",
                "100, 10000, 100, 0",
                "0, 8000, 0, 0",
                // 0.5 fen: half-even goes to the even neighbour, the remainder to the second share
                "1, 5000, 0, 1",
                "3, 5000, 2, 1",
                "5, 5000, 2, 3",
                "7, 5000, 4, 3",
                "1, 2500, 0, 1",
                "3, 2500, 1, 2",
                "2, 7500, 2, 0",
                "-1, 5000, 0, -1",
                "-3, 5000, -2, -1",
                "-5, 5000, -2, -3",
                "-3, 2500, -1, -2",
                "-10000, 8000, -8000, -2000",
                "-1000001, 8000, -800001, -200000",
        })
        void first_share_is_rounded_half_even_and_second_share_is_the_remainder(long fen, int bp, long first,
                long second) {
            Money.Split split = Money.ofFen(fen).split(Ratio.ofBasisPoints(bp));

            assertThat(split.first()).isEqualTo(Money.ofFen(first));
            assertThat(split.second()).isEqualTo(Money.ofFen(second));
            assertThat(split.total()).isEqualTo(Money.ofFen(fen));
        }

        @ParameterizedTest(name = "{0} fen × {1} bp = {2} + {3}")
        @CsvSource({
                "9223372036854775807, 10000, 9223372036854775807, 0",
                "9223372036854775807, 0, 0, 9223372036854775807",
                "9223372036854775807, 5000, 4611686018427387904, 4611686018427387903",
                "9223372036854775807, 9999, 9222449699651090329, 922337203685478",
                "-9223372036854775808, 10000, -9223372036854775808, 0",
                "-9223372036854775808, 0, 0, -9223372036854775808",
                "-9223372036854775808, 5000, -4611686018427387904, -4611686018427387904",
                "-9223372036854775808, 9999, -9222449699651090330, -922337203685478",
                "-9223372036854775807, 10000, -9223372036854775807, 0",
        })
        void is_exact_for_the_largest_amounts(long fen, int bp, long first, long second) {
            Money.Split split = Money.ofFen(fen).split(Ratio.ofBasisPoints(bp));

            assertThat(split.first()).isEqualTo(Money.ofFen(first));
            assertThat(split.second()).isEqualTo(Money.ofFen(second));
        }

        @Test
        void refuses_a_first_share_that_does_not_fit_in_a_long() {
            assertThatThrownBy(() -> Money.ofFen(Long.MAX_VALUE).split(Ratio.ofBasisPoints(10001)))
                    .isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Money.ofFen(Long.MIN_VALUE).split(Ratio.ofBasisPoints(20000)))
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void adds_and_subtracts_exactly() {
            assertThat(Money.parse("1234.56").plus(Money.parse("0.44"))).isEqualTo(Money.parse("1235"));
            assertThat(Money.parse("12.5万").minus(Money.parse("12.5万"))).isEqualTo(Money.ZERO);
            assertThat(Money.parse("1").negate()).isEqualTo(Money.parse("-1"));
            assertThat(Money.ofYuan(36)).isEqualTo(Money.parse("36"));
        }

        @Test
        void refuses_to_overflow() {
            Money max = Money.ofFen(Long.MAX_VALUE);
            assertThatThrownBy(() -> max.plus(Money.ofFen(1))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Money.ofFen(Long.MIN_VALUE).minus(Money.ofFen(1)))
                    .isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Money.ofFen(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Money.ofYuan(Long.MAX_VALUE / 100 + 1)).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void compares_by_amount() {
            Money small = Money.parse("-1");
            Money large = Money.parse("1万");

            assertThat(small).isLessThan(large);
            assertThat(small.isLessThan(large)).isTrue();
            assertThat(large.isGreaterThan(small)).isTrue();
            assertThat(small.min(large)).isEqualTo(small);
            assertThat(small.max(large)).isEqualTo(large);
            assertThat(small.isNegative()).isTrue();
            assertThat(large.isPositive()).isTrue();
            assertThat(Money.parse("0.00").isZero()).isTrue();
        }
    }

    @Nested
    class WhereAnAmountMustBePositive {

        @ParameterizedTest
        @ValueSource(strings = {"-0.01", "-12.5万", "0", "0.00"})
        void input_refuses_negative_and_zero_amounts_that_parse(String text) {
            Input input = new Input();

            assertThat(input.positiveAmount("amount", text)).isNull();
            assertThat(input.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.field()).isEqualTo("amount");
                assertThat(problem.rule()).isEqualTo("amount-positive");
            });
        }

        @ParameterizedTest
        @ValueSource(longs = {-1, 0, Long.MIN_VALUE})
        void require_refuses_negative_and_zero_amounts(long fen) {
            assertThatThrownBy(() -> Require.positive(Money.ofFen(fen), "amount"))
                    .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                        assertThat(violation.field()).isEqualTo("amount");
                        assertThat(violation.rule()).isEqualTo("amount-positive");
                        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.INVALID);
                    });
        }

        @Test
        void a_positive_amount_passes() {
            assertThat(Require.positive(Money.ofFen(1), "amount")).isEqualTo(Money.ofFen(1));
            assertThat(new Input().positiveAmount("amount", "0.01")).isEqualTo(Money.ofFen(1));
        }
    }
}
