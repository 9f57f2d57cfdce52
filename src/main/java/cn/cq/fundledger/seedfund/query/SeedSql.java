package cn.cq.fundledger.seedfund.query;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement of the seed read model and its arguments, built side by side so that they stay in step, with the
 * conditions every read shares: as of a business date, as recorded at an instant ({@code recordedAt}, null: all
 * that is recorded), and whether a fact was reversed as of that instant.
 */
final class SeedSql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    SeedSql(String sql, Object... arguments) {
        add(sql, arguments);
    }

    SeedSql add(String sql, Object... arguments) {
        text.append(sql);
        args.addAll(Arrays.asList(arguments));
        return this;
    }

    SeedSql add(SeedSql other) {
        text.append(other.text);
        args.addAll(other.args);
        return this;
    }

    /** {@code " AND column <= ?"} when the read looks at the ledger as recorded at an instant; nothing otherwise. */
    SeedSql recorded(String column, Instant recordedAt) {
        return recordedAt == null ? this : add(" AND " + column + " <= ?", Timestamp.from(recordedAt));
    }

    String text() {
        return text.toString();
    }

    Object[] args() {
        return args.toArray();
    }

    /** Arguments, then more: for paging. */
    Object[] args(Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    static Date date(LocalDate date) {
        return Date.valueOf(date);
    }

    /**
     * The condition that the fact of a kind whose id is in {@code idColumn} was reversed as of the instant: its
     * reversal is recorded (at or before {@code recordedAt}, when given). A reversal is dated with the fact's own
     * business date, so as of any date on which the fact exists, it is reversed.
     */
    static SeedSql reversed(String kind, String idColumn, Instant recordedAt) {
        return new SeedSql("EXISTS (SELECT 1 FROM seed_reversal rv WHERE rv.kind = '" + kind + "' AND rv.fact_id = "
                + idColumn).recorded("rv.recorded_at", recordedAt).add(")");
    }

    /** The movements dated on or before {@code asOf} (recorded at or before {@code recordedAt}), as {@code m.*}. */
    static SeedSql movements(String keyColumn, LocalDate asOf, Instant recordedAt) {
        return new SeedSql("SELECT " + keyColumn + " AS k, m.* FROM seed_movement m WHERE m.business_date <= ?",
                date(asOf)).recorded("m.recorded_at", recordedAt);
    }

    /**
     * The projects counted in each group {@code k} of the movements: a project counts when its {@code investments}
     * add up to more than zero over its rows (a reversed investment nets its own row out). One row per group:
     * {@code k}, {@code projects}.
     */
    static SeedSql projectsCounted(SeedSql movements) {
        return new SeedSql("SELECT p.k, COUNT(*) AS projects FROM (SELECT x.k, x.project_id FROM (").add(movements)
                .add(") x WHERE x.project_id IS NOT NULL GROUP BY x.k, x.project_id HAVING SUM(x.investments) > 0) p "
                        + "GROUP BY p.k");
    }

    /** The sums of seed_movement's columns over a group, in the order of {@link SeedQueries#figures}. */
    static final String SUMS = "COALESCE(SUM(x.investments),0), COALESCE(SUM(x.committed_fen),0), "
            + "COALESCE(SUM(x.invested_fen),0), COALESCE(SUM(x.active_fen),0), COALESCE(SUM(x.exits),0), "
            + "COALESCE(SUM(x.exited_cost_fen),0), COALESCE(SUM(x.write_offs),0), COALESCE(SUM(x.written_off_fen),0), "
            + "COALESCE(SUM(x.proceeds_fen),0), COALESCE(SUM(x.city_proceeds_fen),0), "
            + "COALESCE(SUM(x.partner_proceeds_fen),0)";
}
