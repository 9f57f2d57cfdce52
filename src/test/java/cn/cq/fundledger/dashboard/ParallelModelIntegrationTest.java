package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.credit.whatif.CreditHistory;
import cn.cq.fundledger.credit.whatif.ParallelCreditModel;
import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The parallel model under the recorded policy gives, at every date, the pools' and the compensation's figures of
 * /api/totals to the fen, on the reference dataset (the ledger the browser tests share: its own additions are dated
 * after the dates compared); and replaying writes nothing.
 */
@DashboardContext
class ParallelModelIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    CreditHistory history;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theRecordedPolicyReproducesTheLedgersFiguresToTheFen() {
        long before = new EventStoreProbe(jdbc).count();
        ParallelCreditModel model = history.replay(new ParallelCreditModel.Scenario(null, null, List.of()));
        assertThat(new EventStoreProbe(jdbc).count()).as("a replay records nothing").isEqualTo(before);
        LedgerApi api = new LedgerApi(http);
        for (String asOf : List.of("2018-12-31", "2019-03-31", "2021-06-30", "2023-06-30", "2024-04-14")) {
            JsonNode totals = api.totals(asOf);
            LocalDate date = LocalDate.parse(asOf);
            long contributed = model.total("contributed", date, null);
            long compensated = model.total("compensated", date, null);
            long recovered = model.total("poolRecovered", date, null);
            assertThat(contributed).as("contributed %s", asOf).isEqualTo(totals.at("/riskPools/contributedFen").asLong());
            assertThat(compensated).as("compensated %s", asOf).isEqualTo(totals.at("/riskPools/compensatedFen").asLong());
            assertThat(compensated).as("banks compensated %s", asOf)
                    .isEqualTo(totals.at("/creditLoans/compensatedFen").asLong());
            assertThat(recovered).as("recovered into pools %s", asOf)
                    .isEqualTo(totals.at("/riskPools/recoveredFen").asLong());
            assertThat(model.total("waiting", date, null)).as("waiting %s", asOf)
                    .isEqualTo(totals.at("/riskPools/waitingClaimsFen").asLong());
            assertThat(contributed - compensated + recovered).as("balance %s", asOf)
                    .isEqualTo(totals.at("/riskPools/balanceFen").asLong());
        }
        assertThat(model.findings()).as("the recorded history breaks none of its own rules")
                .noneMatch(f -> !f.date().isAfter(LocalDate.parse("2024-12-31")));
    }
}
