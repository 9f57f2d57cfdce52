package cn.cq.fundledger.equityfund.query;

/**
 * The equity program's published figures as of a date: distinct projects with a deal closed on or before it,
 * and the sum of those deals' amounts (exits do not reduce it: it is what the funds invested).
 */
public record EquityTotals(long projects, long investedFen) {

    /** Builds a caller's shape of the two figures (the cross-program totals use their own record). */
    @FunctionalInterface
    public interface Shape<T> {
        T of(long projects, long investedFen);
    }
}
