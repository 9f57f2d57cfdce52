package cn.cq.fundledger.seedfund.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V8 on a ledger that already holds seed rows: the seed read model is emptied and its processor's token removed, so
 * that the processor rebuilds it from the whole history at the next start (with no token a pooled processor starts
 * at the beginning of the store); the other processors and the events are left alone.
 */
class SeedCorrectionsMigrationTest {

    @Test
    void theSeedReadModelIsRebuiltFromTheEventsAndNothingElseIsTouched() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource).target("6").load().migrate();
        jdbc.update("INSERT INTO seed_exit (recorded_at, exit_id, investment_id, route, cost_fen, proceeds_fen, "
                + "city_share_bp, city_proceeds_fen, partner_proceeds_fen, realised_gain_fen, exited_on) "
                + "VALUES (CURRENT_TIMESTAMP, 'X1', 'I1', 'BUYBACK', 1, 2, 4000, 1, 1, 1, DATE '2020-01-01')");
        jdbc.update("INSERT INTO seed_round (recorded_at, round_id, project_id, investor, amount_fen, post_money_fen, "
                + "closed_on) VALUES (CURRENT_TIMESTAMP, 'FR1', 'P1', 'angel', 1, 2, DATE '2020-01-01')");
        jdbc.update("INSERT INTO seed_target (global_index, target_date, target_fen, recorded_at) "
                + "VALUES (0, DATE '2024-12-31', 1, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO seed_movement (event_id, global_index, recorded_at, business_date, kind, fact_id, "
                + "fund_id, committed_fen, investments, invested_fen, active_fen, exits, exited_cost_fen, write_offs, "
                + "written_off_fen, proceeds_fen, city_proceeds_fen, partner_proceeds_fen) VALUES ('e1', 1, "
                + "CURRENT_TIMESTAMP, DATE '2016-01-15', 'FUND_ESTABLISHED', 'GX', 'GX', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)");
        for (String processor : new String[]{"seed-ledger", "credit-ledger"}) {
            jdbc.update("INSERT INTO TokenEntry (processorName, segment) VALUES (?, 0)", processor);
        }

        flyway(dataSource).load().migrate();

        for (String table : new String[]{"seed_movement", "seed_exit", "seed_round", "seed_target", "seed_reversal"}) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
        }
        assertThat(jdbc.queryForList("SELECT processorName FROM TokenEntry", String.class))
                .containsExactly("credit-ledger");
        // an investment may exit again once its exit is reversed
        for (String exit : new String[]{"X1", "X1-C"}) {
            jdbc.update("INSERT INTO seed_exit (event_id, global_index, recorded_at, exit_id, investment_id, route, "
                    + "cost_fen, proceeds_fen, city_share_bp, city_proceeds_fen, partner_proceeds_fen, "
                    + "realised_gain_fen, exited_on) VALUES (?, 1, CURRENT_TIMESTAMP, ?, 'I1', 'BUYBACK', 1, 2, 4000, "
                    + "1, 1, 1, DATE '2020-01-01')", exit + "-event", exit);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seed_exit WHERE investment_id = 'I1'", Long.class))
                .isEqualTo(2);
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(JdbcDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common",
                "classpath:db/migration/h2");
    }
}
