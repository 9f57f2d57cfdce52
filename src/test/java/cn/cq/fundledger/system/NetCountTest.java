package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Net distinct counts: a thing counts while its steps add up to more than zero, and each counted thing is traced
 * to the one event at which it last started to count.
 */
class NetCountTest {

    private JdbcTemplate jdbc;
    private long position;

    @BeforeEach
    void table() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE movement (event_id VARCHAR(64), global_index BIGINT, business_date DATE, "
                + "thing VARCHAR(16), grp VARCHAR(16), step INTEGER)");
    }

    private String row(String thing, String date, int step) {
        return row(thing, "g", date, step);
    }

    private String row(String thing, String group, String date, int step) {
        String id = "e" + (++position);
        jdbc.update("INSERT INTO movement VALUES (?,?,?,?,?,?)", id, position, Date.valueOf(date), thing, group, step);
        return id;
    }

    private long count(String asOf) {
        return jdbc.queryForObject(NetCount.count(rows(), "thing", "step", null), Long.class, Date.valueOf(asOf));
    }

    private List<String> countedBy(String asOf) {
        return jdbc.queryForList("SELECT event_id FROM (" + NetCount.countedBy(rows(), "thing", "step")
                + ") c ORDER BY thing", String.class, Date.valueOf(asOf));
    }

    private static String rows() {
        return "SELECT * FROM movement WHERE business_date <= ?";
    }

    @Test
    void aReversedFactStopsCountingItsThingFromTheFactsOwnDate() {
        row("P1", "2023-01-01", 1);
        String second = row("P2", "2023-02-01", 1);
        row("P2", "2023-02-01", -1); // reversed, at the fact's own date
        assertThat(count("2023-01-31")).isEqualTo(1);
        assertThat(count("2023-12-31")).isEqualTo(1);
        assertThat(countedBy("2023-12-31")).doesNotContain(second).hasSize(1);
    }

    @Test
    void aThingStillHeldByAnotherLiveFactKeepsCountingThroughIt() {
        String reversed = row("P1", "2023-01-01", 1);
        String other = row("P1", "2023-03-01", 1);
        row("P1", "2023-01-01", -1);
        assertThat(count("2023-02-01")).isZero();
        assertThat(count("2023-03-01")).isEqualTo(1);
        assertThat(countedBy("2023-03-01")).containsExactly(other).doesNotContain(reversed);
    }

    @Test
    void countsPerGroup() {
        row("P1", "a", "2023-01-01", 1);
        row("P1", "b", "2023-01-01", 1);
        row("P2", "a", "2023-01-01", 1);
        row("P2", "a", "2023-01-01", -1);
        Map<String, Long> perGroup = new HashMap<>();
        jdbc.query(NetCount.count(rows(), "thing", "step", "grp"), rs -> {
            perGroup.put(rs.getString(1), rs.getLong(2));
        }, Date.valueOf("2023-12-31"));
        assertThat(perGroup).containsEntry("a", 1L).containsEntry("b", 1L).hasSize(2);
    }

    /** Against a plain recount in Java, over random histories of facts and reversals. */
    @RepeatedTest(20)
    void agreesWithARecountOfRandomHistories(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<String[]> facts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String thing = "P" + random.nextInt(8);
            String date = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(60)).toString();
            if (!facts.isEmpty() && random.nextInt(3) == 0) {
                String[] fact = facts.remove(random.nextInt(facts.size()));
                row(fact[0], fact[1], -1); // a reversal: the fact's thing and date, recorded later
            } else {
                row(thing, date, 1);
                facts.add(new String[]{thing, date});
            }
        }
        for (String asOf : List.of("2023-01-15", "2023-02-01", "2023-03-15")) {
            Map<String, Integer> net = new HashMap<>();
            jdbc.query("SELECT thing, step FROM movement WHERE business_date <= ?", rs -> {
                net.merge(rs.getString(1), rs.getInt(2), Integer::sum);
            }, Date.valueOf(asOf));
            long expected = net.values().stream().filter(n -> n > 0).count();
            assertThat(count(asOf)).as(asOf).isEqualTo(expected);
            assertThat(countedBy(asOf)).as(asOf).hasSize((int) expected);
        }
    }
}
