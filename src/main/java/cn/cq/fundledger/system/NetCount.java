package cn.cq.fundledger.system;

/**
 * SQL for counting distinct things (projects, borrowing enterprises) over a movement table when facts can be
 * reversed. Each movement row carries a signed step for the thing it is about: +1 where a fact makes it count
 * (an investment, a deal, a loan), -1 where a reversal takes that fact back. A thing counts as of a date when
 * its steps up to that date add up to more than zero, so a reversed investment stops counting its project unless
 * another live investment still holds it, and a report "as recorded at" an instant before the reversal still
 * counts it.
 *
 * <p>To explain a count, each counted thing is traced to one event: the one at which its running sum (in business
 * date, then store order) last went from zero to positive. Those events, each with amount 1, add up to the count.
 */
public final class NetCount {

    private NetCount() {
    }

    /**
     * Counts things per group.
     *
     * @param rows  a SELECT over movement rows (already filtered by date), with the key, step and group columns
     * @param group the grouping column of {@code rows}, or null for one overall count
     * @return a SELECT answering ({@code group}, count) per group, or a single count
     */
    public static String count(String rows, String key, String step, String group) {
        String keys = group == null ? key : group + ", " + key;
        String counted = "SELECT " + keys + " FROM (" + rows + ") s WHERE " + step + " <> 0 GROUP BY " + keys
                + " HAVING SUM(" + step + ") > 0";
        return group == null ? "SELECT COUNT(*) FROM (" + counted + ") c"
                : "SELECT " + group + ", COUNT(*) FROM (" + counted + ") c GROUP BY " + group;
    }

    /**
     * The rows through which each counted thing is counted, one per thing, with an {@code amount} column of 1.
     *
     * @param rows a SELECT over movement rows (already filtered by date and group) with the columns
     *             {@code global_index} and {@code business_date}, the key and the step
     */
    public static String countedBy(String rows, String key, String step) {
        Around around = countedBy(key, step);
        return around.before() + rows + around.after();
    }

    /** The SQL of {@link #countedBy(String, String, String)} before and after the rows' SELECT. */
    public static Around countedBy(String key, String step) {
        String before = "SELECT x.*, 1 AS amount FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY " + key
                + " ORDER BY business_date DESC, global_index DESC) AS net_nth FROM (SELECT s.*, " + step
                + " AS net_step, SUM(" + step + ") OVER (PARTITION BY " + key + " ORDER BY business_date, global_index "
                + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS net_running, SUM(" + step + ") OVER (PARTITION BY "
                + key + ") AS net_total FROM (";
        String after = ") s WHERE " + step + " <> 0) r WHERE net_total > 0 AND net_running > 0 "
                + "AND net_running - net_step <= 0) x WHERE net_nth = 1";
        return new Around(before, after);
    }

    /** SQL to put around a SELECT of rows. */
    public record Around(String before, String after) {
    }
}
