package cn.cq.fundledger.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.importer.reference.ReferenceDataset;
import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The reference dataset, loaded into an empty ledger on its first start (through the importer operators use: a
 * refused row stops the start), reproduces the published figures to the fen at the four dates the city and the bank
 * published them. It runs on the ledger the dashboard's tests share (their own facts are dated 2026, after every date
 * here), so the dataset is imported once for both; sent again through the import endpoint, every row is known.
 */
@cn.cq.fundledger.dashboard.DashboardContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReferenceDatasetIntegrationTest {

    private static final long YI = 10_000_000_000L; // 1亿 yuan in fen

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    LedgerApi api;
    JsonNode imported;

    @BeforeAll
    void importTheReferenceDataset() throws Exception {
        api = new LedgerApi(http);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        Map<String, byte[]> files = ReferenceDataset.csvFiles();
        files.forEach((name, bytes) -> parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator");
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = http.exchange("/api/imports", HttpMethod.POST, new HttpEntity<>(parts, headers),
                String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody().substring(0, Math.min(2000,
                response.getBody().length()))).isEqualTo(200);
        imported = new ObjectMapper().readTree(response.getBody());
    }

    @Test
    void everyGeneratedRowPassesTheOperatorsRulesAndIsRecordedOnce() {
        assertThat(imported.get("files").asInt()).isEqualTo(18);
        assertThat(imported.get("rejected").asInt()).isZero();
        assertThat(imported.get("applied").asInt()).as("every row was applied on the first start").isZero();
        assertThat(imported.get("duplicates").asInt()).isEqualTo(imported.get("rows").asInt()).isGreaterThan(50_000);
    }

    @Test
    void march2019() {
        JsonNode t = api.totals("2019-03-31");
        assertThat(t.at("/creditLoans/loans").asLong()).isEqualTo(844);
        assertThat(t.at("/creditLoans/issuedFen").asLong()).isEqualTo(2_010_000_000_00L);
        assertThat(t.at("/creditLoans/issued").asText()).isEqualTo("20.1亿");
    }

    @Test
    void june2023() {
        JsonNode t = api.totals("2023-06-30");
        assertThat(t.at("/creditLoans/loans").asLong()).isEqualTo(11_316);
        assertThat(t.at("/creditLoans/issuedFen").asLong()).isEqualTo(19_683_000_000_00L);
        assertThat(t.at("/guidedLoans/issuedFen").asLong()).isEqualTo(13_451_000_000_00L);
        assertThat(t.at("/guidedLoans/issued").asText()).isEqualTo("134.51亿");
    }

    @Test
    void theLettersDate() {
        JsonNode t = api.totals("2024-04-14");
        assertThat(t.at("/creditLoans/loans").asLong()).isEqualTo(12_535);
        assertThat(t.at("/creditLoans/issuedFen").asLong()).isEqualTo(21_720_000_000_00L);
        assertThat(t.at("/creditLoans/issued").asText()).isEqualTo("217.2亿");
        assertThat(t.at("/guidedLoans/issuedFen").asLong()).isEqualTo(148 * YI + YI / 10);
        assertThat(t.at("/guidedLoans/issued").asText()).isEqualTo("148.1亿");
        assertThat(t.at("/seedFund/projects").asLong()).isEqualTo(821);
        assertThat(t.at("/seedFund/investedFen").asLong()).isEqualTo(2 * YI + 98 * YI / 100);
        assertThat(t.at("/seedFund/invested").asText()).isEqualTo("2.98亿");
        assertThat(t.at("/equityFund/projects").asLong()).isEqualTo(7);
        assertThat(t.at("/equityFund/investedFen").asLong()).isEqualTo(2 * YI + 9 * YI / 10);
        assertThat(t.at("/equityFund/invested").asText()).isEqualTo("2.9亿");
        assertThat(t.at("/riskPools/waitingClaimsFen").asLong()).as("pools kept solvent").isZero();
        assertThat(t.at("/riskPools/balanceFen").asLong()).isPositive();
    }

    @Test
    void august2025() {
        JsonNode t = api.totals("2025-08-31");
        assertThat(t.at("/creditLoans/loans").asLong()).isEqualTo(13_704);
        assertThat(t.at("/creditLoans/issuedFen").asLong()).isEqualTo(23_646_000_000_00L);
        assertThat(t.at("/guidedLoans/issuedFen").asLong()).isEqualTo(16_345_000_000_00L);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aReplayRebuildsEveryProjectionIdenticallyAndTheHistoryVerifies() {
        Map<String, List<String>> before = projectionTables();
        LedgerApi.Answer started = api.post("auditor", "/api/audit/replay", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("total").asLong()).isGreaterThan(50_000);
        assertThat(started.json().get("replaying").asBoolean()).as("the answer to the request says it is under way")
                .isTrue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5))
                .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    JsonNode progress = api.get("auditor", "/api/audit/replay").json();
                    return !progress.get("replaying").asBoolean()
                            && progress.get("done").asLong() == progress.get("total").asLong();
                });
        assertThat(projectionTables()).isEqualTo(before);
        JsonNode verification = api.get("auditor", "/api/audit/verify").json();
        assertThat(verification.get("chainValid").asBoolean()).isTrue();
        assertThat(verification.get("projectionsMatch").asBoolean()).as(verification.toString()).isTrue();
    }

    private Map<String, List<String>> projectionTables() {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        for (String table : jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = "
                + "'PUBLIC'", String.class)) {
            if (List.of("DOMAINEVENTENTRY", "SNAPSHOTEVENTENTRY", "TOKENENTRY", "EVENT_CHAIN", "EVENT_CHAIN_LOCK",
                    "flyway_schema_history").contains(table)) {
                continue;
            }
            tables.put(table, jdbc.query("SELECT * FROM " + table, (rs, i) -> {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.append(rs.getObject(c)).append('|');
                }
                return row.toString();
            }).stream().sorted().toList());
        }
        assertThat(tables).containsKeys("CREDIT_MOVEMENT", "SEED_MOVEMENT", "EQUITY_MOVEMENT", "AUDIT_EVENT");
        return tables;
    }

    @Test
    void noBankWasWarnedOrSuspended() {
        JsonNode banks = api.get("finance", "/api/credit/banks").json();
        assertThat(banks.findValuesAsText("fuseStatus")).isNotEmpty().containsOnly("NORMAL");
    }
}
