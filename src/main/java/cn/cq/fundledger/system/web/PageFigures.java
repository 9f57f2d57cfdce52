package cn.cq.fundledger.system.web;

import java.math.BigDecimal;

/**
 * The forms the pages hand figures to {@link Display} and {@link Chart} in: an amount in 亿 (or 万) of yuan for a
 * chart's axis, a ratio in basis points or as the API's decimal string as the percentage a table cell shows. Only
 * the unit changes; nothing is rounded.
 */
public final class PageFigures {

    private PageFigures() {
    }

    /** Fen in 亿 of yuan (1亿 = 10^10 fen), exact, for a chart whose unit is {@code unit.yi}. */
    public static BigDecimal yi(long fen) {
        return BigDecimal.valueOf(fen, 10);
    }

    /** Fen in 万 of yuan (1万 = 10^6 fen), exact, for a chart of smaller amounts. */
    public static BigDecimal wan(long fen) {
        return BigDecimal.valueOf(fen, 6);
    }

    /** Basis points as a percentage for {@link Display#percent}: 8000 → 80, 98 → 0.98. */
    public static BigDecimal percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2);
    }

    /** A ratio the API writes as a decimal string ({@code "0.2194"}) as a percentage (21.94); null stays null. */
    public static BigDecimal percent(String ratio) {
        return ratio == null ? null : new BigDecimal(ratio).movePointRight(2);
    }
}
