package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empty positions in the global index (a rolled-back import appended and then discarded its chunks; a crash
 * loses a transaction and a sequence's cached values) never slow the processors down or hold the chain back
 * (issue 11, finding 3): appends are serialised, so every gap a reader sees is final and none is tracked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:position-gaps;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false", "fundledger.import.chunk-size=2"})
class PositionGapsIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void gapsLeftByARolledBackImportAndByACrashAreNeitherTrackedNorWaitedFor() {
        LedgerApi api = new LedgerApi(http);
        EventStoreProbe store = new EventStoreProbe(jdbc);
        assertThat(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "银行")).status()).isEqualTo(201);
        long opened = store.count(); // the program's opening event and the bank

        StringBuilder banks = new StringBuilder("bank_id,name\n");
        for (int i = 2; i < 40; i++) {
            banks.append("B").append(i).append(",银行").append(i).append('\n');
        }
        banks.append("B1,另一个名字\n"); // a different fact under a recorded id: refused, after 38 appended rows
        assertThat(postCsv("banks", banks.toString())).isEqualTo(422);
        long highest = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        assertThat(store.count()).isEqualTo(opened);

        // a crash: the positions of a lost transaction are never handed out again
        jdbc.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH " + (highest + 20_000));
        assertThat(api.post("operator", "/api/credit/banks", Map.of("bankId", "B2", "name", "银行2")).status())
                .isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/banks", Map.of("bankId", "B3", "name", "银行3")).status())
                .isEqualTo(201);

        LedgerApi.Answer banksNow = api.get("finance", "/api/credit/banks");
        assertThat(banksNow.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        assertThat(banksNow.body()).contains("B2", "B3");
        List<String> tokens = jdbc.query("SELECT token FROM TokenEntry WHERE token IS NOT NULL",
                (rs, i) -> new String(rs.getBytes(1), StandardCharsets.UTF_8));
        assertThat(tokens).isNotEmpty().allSatisfy(token -> assertThat(token).contains("\"gaps\":[]"));

        LedgerApi.Answer verify = api.get("auditor", "/api/audit/verify");
        assertThat(verify.json().get("chainValid").asBoolean()).isTrue();
        assertThat(verify.json().get("events").asLong()).isEqualTo(opened + 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_chain", Long.class)).isEqualTo(opened + 2);
    }

    private int postCsv(String kind, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator");
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return http.exchange("/api/imports/" + kind, HttpMethod.POST, new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8),
                headers), String.class).getStatusCode().value();
    }
}
