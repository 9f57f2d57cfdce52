package cn.cq.fundledger.equityfund.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V9 on a ledger that already holds an equity read model: it empties the equity tables and removes only
 * the equity processor's token, so that the projection is rebuilt from the event store (from the start of the
 * history) at the next start, with the new columns; the other programs' read models and tokens stay as they are.
 */
class EquityMigrationTest {

    @Test
    void theEquityReadModelIsRebuiltAndNothingElseIsTouched() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource).target("6").load().migrate();
        jdbc.update("INSERT INTO equity_fund (recorded_at, fund_id, name, established_on) "
                + "VALUES (CURRENT_TIMESTAMP, 'EF1', '基金', DATE '2020-01-01')");
        jdbc.update("INSERT INTO equity_movement (event_id, global_index, recorded_at, business_date, kind, fact_id, "
                + "fund_id, committed_fen, called_fen, invested_fen, deals, exited_cost_fen, proceeds_fen, "
                + "distributed_fen) VALUES ('e1', 1, CURRENT_TIMESTAMP, DATE '2020-01-01', 'COMMITMENT', 'EF1/甲@2020-01-01', "
                + "'EF1', 100, 0, 0, 0, 0, 0, 0)");
        jdbc.update("INSERT INTO equity_mark (recorded_at, deal_id, marked_on, fund_id, value_fen, method, "
                + "global_index) VALUES (CURRENT_TIMESTAMP, 'D1', DATE '2021-12-31', 'EF1', 1, 'COST', 2)");
        for (String processor : new String[]{"equity-ledger", "credit-ledger"}) {
            jdbc.update("INSERT INTO TokenEntry (processorName, segment) VALUES (?, 0)", processor);
        }

        flyway(dataSource).load().migrate();

        for (String table : new String[]{"equity_fund", "equity_movement", "equity_partner_movement", "equity_deal",
                "equity_mark", "equity_exit", "equity_reversal"}) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
        }
        assertThat(jdbc.queryForList("SELECT processorName FROM TokenEntry", String.class))
                .containsExactly("credit-ledger");
        // a reversed mark and its correction, on the same deal and day
        for (String event : new String[]{"m1", "m2"}) {
            jdbc.update("INSERT INTO equity_mark (event_id, global_index, recorded_at, deal_id, marked_on, fund_id, "
                    + "value_fen, method) VALUES (?, 1, CURRENT_TIMESTAMP, 'D1', DATE '2021-12-31', 'EF1', 1, 'COST')",
                    event);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(JdbcDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2");
    }
}
