package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the pages write figures, in the reader's language: in Chinese, amounts as the city publishes them
 * ({@code 2.98亿}, {@code 36万}, from {@link Money#toDisplayString()}); in English, in millions and billions of yuan
 * ({@code CNY 298 million}). Counts with digit grouping ({@code 12,535}). The exact amount, in yuan with two
 * decimals, is always one hover away ({@link #exact}). Templates call it as {@code @display}.
 */
@Component("display")
public class Display {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String money(long fen) {
        if (!english()) {
            return Money.ofFen(fen).toDisplayString();
        }
        BigDecimal yuan = BigDecimal.valueOf(fen, 2);
        BigDecimal abs = yuan.abs();
        if (abs.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0) {
            return "CNY " + trimmed(yuan.movePointLeft(9)) + " billion";
        }
        if (abs.compareTo(BigDecimal.valueOf(1_000_000L)) >= 0) {
            return "CNY " + trimmed(yuan.movePointLeft(6)) + " million";
        }
        return "CNY " + grouped(yuan.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** The amount in yuan, exact to the fen, grouped: {@code 298,000,000.00}. */
    public String exact(long fen) {
        return grouped(BigDecimal.valueOf(fen, 2)) + (english() ? " yuan" : " 元");
    }


    /** A percentage: {@code 30%}, {@code 12.5%}. */
    public String percent(BigDecimal percent) {
        return percent == null ? "" : percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** How a table cell is shown: Money, Link, Count, Instant, BigDecimal (a percentage), null, or Text. */
    public String kind(Object cell) {
        if (cell == null) {
            return "null";
        }
        if (cell instanceof Table.Money) {
            return "Money";
        }
        if (cell instanceof Table.Link) {
            return "Link";
        }
        if (cell instanceof Long || cell instanceof Integer) {
            return "Count";
        }
        if (cell instanceof Instant) {
            return "Instant";
        }
        if (cell instanceof BigDecimal) {
            return "BigDecimal";
        }
        return "Text";
    }

    public boolean numeric(Object cell) {
        return Table.numeric(cell);
    }

    public String count(Number count) {
        return NumberFormat.getIntegerInstance(Locale.US).format(count.longValue());
    }

    /** An instant as Chongqing's clocks showed it. */
    public String instant(Instant instant) {
        return instant == null ? "" : INSTANT.format(instant.atZone(CHINA));
    }

    private static String trimmed(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static String grouped(BigDecimal value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(value.scale());
        format.setMaximumFractionDigits(value.scale());
        return format.format(value);
    }

    private static boolean english() {
        return "en".equals(locale().getLanguage());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
