package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/what-if/credit} on the reference dataset: the recorded policy gives what-if equal to actual to
 * the fen at every date, per pool and per bank; a changed policy moves only what it should; the event store and every
 * table are byte-for-byte the same after what-ifs; bad scenarios are refused naming the field; saved scenarios run
 * again and compare; several run at once beside commands and queries.
 */
@DashboardContext
class WhatIfIntegrationTest {

    private static final String DATES = "[\"2018-12-31\",\"2020-06-30\",\"2021-12-31\",\"2023-06-30\",\"2024-04-14\"]";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private LedgerApi api() {
        return new LedgerApi(http);
    }

    private JsonNode run(String body) {
        LedgerApi.Answer answer = api().send("finance", HttpMethod.POST, "/api/what-if/credit", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void theRecordedPolicyGivesWhatIfEqualToActualAtEveryDate() {
        JsonNode answer = run("{\"asOf\": " + DATES + "}");
        assertRecordedEqualsActual(answer, 5);
        // the same, with the recorded ratio versions written out in the scenario
        StringBuilder ratios = new StringBuilder();
        for (JsonNode version : api().get("admin", "/api/credit/risk-sharing").json()) {
            ratios.append(ratios.isEmpty() ? "" : ",").append("{\"effectiveFrom\":\"")
                    .append(version.get("effectiveFrom").asText()).append("\",\"fundSharePct\":\"")
                    .append(version.get("fundShareBp").asInt() / 100.0).append('"')
                    .append(version.get("bankId").isNull() ? "" : ",\"bankId\":\"" + version.get("bankId").asText() + "\"")
                    .append('}');
        }
        JsonNode explicit = run("{\"riskSharing\": [" + ratios + "], \"asOf\": " + DATES + "}");
        assertRecordedEqualsActual(explicit, 5);
        assertThat(explicit.at("/scenario/riskSharing").size()).isPositive();
    }

    private static void assertRecordedEqualsActual(JsonNode answer, int dates) {
        assertThat(answer.get("results")).hasSize(dates);
        for (JsonNode result : answer.get("results")) {
            assertThat(result.get("whatIf")).as("what-if at %s", result.get("asOf")).isEqualTo(result.get("actual"));
            assertThat(result.at("/actual/creditLoans/loans").asLong()).isPositive();
        }
        assertThat(answer.get("pools")).isNotEmpty();
        for (JsonNode pool : answer.get("pools")) {
            assertThat(pool.get("whatIf")).as("pool %s", pool.get("district")).isEqualTo(pool.get("actual"));
        }
        assertThat(answer.get("banks")).isNotEmpty();
        for (JsonNode bank : answer.get("banks")) {
            // the fuse decisions the model takes under the recorded thresholds are the ones the ledger recorded
            assertThat(bank.get("whatIf")).as("bank %s", bank.get("bankId")).isEqualTo(bank.get("actual"));
        }
        assertThat(answer.get("findings")).as("the recorded history breaks none of its own rules").isEmpty();
        // the pools' figures add up to the published ones at the last date
        JsonNode last = answer.get("results").get(dates - 1).at("/actual/riskPools");
        long balance = 0;
        long waiting = 0;
        for (JsonNode pool : answer.get("pools")) {
            balance += pool.at("/actual/balanceFen").asLong();
            waiting += pool.at("/actual/waitingFen").asLong();
        }
        assertThat(balance).isEqualTo(last.get("balanceFen").asLong());
        assertThat(waiting).isEqualTo(last.get("waitingClaimsFen").asLong());
        JsonNode point = answer.get("timeline").get(answer.get("timeline").size() - 1);
        assertThat(point.get("actualBalanceFen").asLong()).isEqualTo(last.get("balanceFen").asLong());
        assertThat(point.get("whatIfBalanceFen").asLong()).isEqualTo(point.get("actualBalanceFen").asLong());
    }

    @Test
    void aChangedPolicyMovesThePoolsAndNothingElse() {
        JsonNode answer = run("{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"80\"},"
                + "{\"effectiveFrom\": \"2021-01-01\", \"fundSharePct\": \"70\"}],"
                + "\"extraPoolContributions\": [{\"district\": \"渝北区\", \"source\": \"city\", \"amount\": \"3000万\","
                + " \"contributedOn\": \"2021-01-01\"}], \"asOf\": " + DATES + "}");
        JsonNode before = answer.get("results").get(1);
        // 2020-06-30: before the new ratio and the extra money, nothing differs
        assertThat(before.get("whatIf")).isEqualTo(before.get("actual"));
        JsonNode after = answer.get("results").get(4);
        JsonNode actualLoans = after.at("/actual/creditLoans");
        JsonNode whatIfLoans = after.at("/whatIf/creditLoans");
        for (String field : List.of("loans", "enterprises", "issuedFen", "issued", "outstandingFen", "defaultedFen",
                "recoveredFen")) {
            assertThat(whatIfLoans.get(field)).as(field).isEqualTo(actualLoans.get(field));
        }
        JsonNode pools = after.at("/whatIf/riskPools");
        assertThat(pools.get("contributedFen").asLong()).as("30,000,000 yuan more")
                .isEqualTo(after.at("/actual/riskPools/contributedFen").asLong() + 3_000_000_000L);
        assertThat(pools.get("balanceFen").asLong()).isEqualTo(pools.get("contributedFen").asLong()
                - pools.get("compensatedFen").asLong() + pools.get("recoveredFen").asLong());
        assertThat(whatIfLoans.get("compensatedFen")).isEqualTo(pools.get("compensatedFen"));
        assertThat(pools.get("compensatedFen").asLong() + pools.get("waitingClaimsFen").asLong())
                .as("claims from 2021 are for 70%, not 80%: the pools owe less in all")
                .isLessThan(after.at("/actual/riskPools/compensatedFen").asLong()
                        + after.at("/actual/riskPools/waitingClaimsFen").asLong());
        assertThat(answer.at("/scenario/extraPoolContributions/0/amount").asText()).isEqualTo("30000000.00");
        JsonNode yubei = null;
        for (JsonNode pool : answer.get("pools")) {
            if (pool.get("district").asText().equals("渝北区")) {
                yubei = pool;
            }
        }
        assertThat(yubei).isNotNull();
        assertThat(yubei.at("/whatIf/contributedFen").asLong())
                .isEqualTo(yubei.at("/actual/contributedFen").asLong() + 3_000_000_000L);
    }

    @Test
    void aWhatIfChangesNoByteOfTheStoreOrOfAnyTable() throws Exception {
        LedgerApi api = api();
        String scenario = "{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"50\"}],"
                + "\"fuseThresholds\": [{\"effectiveFrom\": \"2017-01-01\", \"warningPct\": \"0.5\", \"suspensionPct\": \"1\"}],"
                + "\"asOf\": [\"2024-04-14\"]}";
        assertThat(api.send("finance", HttpMethod.PUT, "/api/what-if/credit/scenarios/bytes-a", scenario).status())
                .isIn(200, 201);
        assertThat(api.send("finance", HttpMethod.PUT, "/api/what-if/credit/scenarios/bytes-b", "{}").status())
                .isIn(200, 201);
        Map<String, String> before = digests();
        JsonNode tight = run(scenario);
        assertThat(tight.get("findingCounts").get("bank-suspended").asLong())
                .as("a 1% fuse suspends banks whose later loans are kept and found").isPositive();
        assertThat(api.send("finance", HttpMethod.POST, "/api/what-if/credit/scenarios/bytes-a/run", null).status())
                .isEqualTo(200);
        assertThat(api.send("admin", HttpMethod.POST, "/api/what-if/credit/comparisons",
                Map.of("first", "bytes-a", "second", "bytes-b")).status()).isEqualTo(200);
        assertThat(api.send("finance", HttpMethod.POST, "/api/what-if/credit",
                "{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"101\"}]}").status())
                .isEqualTo(400);
        Map<String, String> after = digests();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((table, digest) -> assertThat(after.get(table)).as("table %s", table).isEqualTo(digest));
    }

    /** A digest of every row of every table (the processors' claim owner and timestamp aside: they tick by themselves). */
    private Map<String, String> digests() throws Exception {
        List<String> tables = jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'", String.class);
        assertThat(tables).anyMatch(t -> t.equalsIgnoreCase("DomainEventEntry")).anyMatch(t -> t.equalsIgnoreCase(
                "credit_movement"));
        Map<String, String> digests = new TreeMap<>();
        for (String table : tables) {
            List<String> rows = new ArrayList<>();
            jdbc.query("SELECT * FROM \"" + table + "\"", rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    String column = meta.getColumnName(c);
                    if (table.replace("_", "").equalsIgnoreCase("TokenEntry") && Set.of("OWNER", "TIMESTAMP")
                            .contains(column.toUpperCase())) {
                        continue;
                    }
                    Object value = rs.getObject(c);
                    if (value instanceof Blob blob) {
                        value = blob.getBytes(1, (int) blob.length());
                    } else if (value instanceof Clob clob) {
                        value = clob.getSubString(1, (int) clob.length());
                    }
                    row.append(column).append('=').append(value instanceof byte[] bytes
                            ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(value)).append('|');
                }
                rows.add(row.toString());
            });
            rows.sort(null);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
            digests.put(table, rows.size() + ":" + Base64.getEncoder().encodeToString(sha.digest()));
        }
        return digests;
    }

    @Test
    void badScenariosAreRefusedNamingTheField() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"101\"}]}",
                new String[]{"400", "riskSharing[0].fundSharePct", "ratio-range"});
        cases.put("{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"80\"},"
                        + "{\"effectiveFrom\": \"2022-06-01\", \"fundSharePct\": \"60\", \"bankId\": \"NO-SUCH-BANK\"}]}",
                new String[]{"422", "riskSharing[1].bankId", "unknown-bank"});
        cases.put("{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"60\", \"bankId\": \"B01\"}]}",
                new String[]{"400", "riskSharing", "general-version-required"});
        cases.put("{\"riskSharing\": []}", new String[]{"400", "riskSharing", "empty"});
        cases.put("{\"fuseThresholds\": [{\"effectiveFrom\": \"2017-01-01\", \"warningPct\": \"8\", \"suspensionPct\": \"5\"}]}",
                new String[]{"400", "fuseThresholds[0].suspensionPct", "threshold-order"});
        cases.put("{\"extraPoolContributions\": [{\"district\": \"火星区\", \"source\": \"city\", \"amount\": \"1万\","
                        + " \"contributedOn\": \"2021-01-01\"}]}",
                new String[]{"422", "extraPoolContributions[0].district", "unknown-district"});
        cases.put("{\"extraPoolContributions\": [{\"district\": \"渝北区\", \"source\": \"city\", \"amount\": \"-5\","
                        + " \"contributedOn\": \"2021-01-01\"}]}",
                new String[]{"400", "extraPoolContributions[0].amount", null});
        cases.put("{\"asOf\": [\"2024-02-30\"]}", new String[]{"400", "asOf[0]", "date-format"});
        cases.put("{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"80\"}], \"ratio\": 3}",
                new String[]{"400", "ratio", null});
        long events = new cn.cq.fundledger.support.EventStoreProbe(jdbc).count();
        cases.forEach((body, expected) -> {
            LedgerApi.Answer answer = api().send("finance", HttpMethod.POST, "/api/what-if/credit", body);
            assertThat(answer.status()).as(body + " → " + answer.body()).isEqualTo(Integer.parseInt(expected[0]));
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("field").asText()).as(body).isEqualTo(expected[1]);
            if (expected[2] != null) {
                assertThat(answer.json().get("rule").asText()).as(body).isEqualTo(expected[2]);
            }
        });
        assertThat(new cn.cq.fundledger.support.EventStoreProbe(jdbc).count()).isEqualTo(events);
        assertThat(api().send("operator", HttpMethod.POST, "/api/what-if/credit", "{}").status())
                .as("operators record facts; finance staff and admins try policies").isEqualTo(403);
    }

    @Test
    void savedScenariosRunAgainAndCompare() {
        LedgerApi api = api();
        String seventy = "{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"80\"},"
                + "{\"effectiveFrom\": \"2021-01-01\", \"fundSharePct\": \"70\"}], \"asOf\": [\"2022-12-31\", \"2024-04-14\"]}";
        LedgerApi.Answer saved = api.send("finance", HttpMethod.PUT, "/api/what-if/credit/scenarios/七成-2021", seventy);
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("savedBy").asText()).isEqualTo("finance");
        assertThat(api.send("finance", HttpMethod.PUT, "/api/what-if/credit/scenarios/七成-2021", seventy).status())
                .as("saved again under the same name: replaced").isEqualTo(200);
        assertThat(api.send("finance", HttpMethod.PUT, "/api/what-if/credit/scenarios/recorded", "{}").status())
                .isIn(200, 201);
        assertThat(api.get("admin", "/api/what-if/credit/scenarios").json().findValuesAsText("name"))
                .contains("七成-2021", "recorded");

        JsonNode again = api.send("finance", HttpMethod.POST, "/api/what-if/credit/scenarios/七成-2021/run", null).json();
        JsonNode direct = run(seventy);
        assertThat(again.get("results")).isEqualTo(direct.get("results"));
        assertThat(again.at("/scenario/name").asText()).isEqualTo("七成-2021");

        LedgerApi.Answer compared = api.send("finance", HttpMethod.POST, "/api/what-if/credit/comparisons",
                Map.of("first", "七成-2021", "second", "recorded", "asOf", List.of("2024-04-14")));
        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        JsonNode first = compared.json().get("first");
        JsonNode second = compared.json().get("second");
        assertThat(first.at("/results/0/actual")).isEqualTo(second.at("/results/0/actual"));
        assertThat(second.at("/results/0/whatIf")).isEqualTo(second.at("/results/0/actual"));
        assertThat(first.at("/results/0/whatIf/riskPools")).isEqualTo(direct.at("/results/1/whatIf/riskPools"));

        LedgerApi.Answer unknown = api.send("finance", HttpMethod.POST, "/api/what-if/credit/comparisons",
                Map.of("first", "七成-2021", "second", "no such scenario"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asText()).isEqualTo("second");
        // a saved scenario is no projection: the auditor's verification still finds every projection equal to a replay
        JsonNode verified = api.get("auditor", "/api/audit/verify").json();
        assertThat(verified.get("chainValid").asBoolean()).isTrue();
        assertThat(verified.get("projectionsMatch").asBoolean()).as(verified.toString()).isTrue();
        assertThat(api.send("finance", HttpMethod.DELETE, "/api/what-if/credit/scenarios/recorded", null).status())
                .isEqualTo(204);
        assertThat(api.get("finance", "/api/what-if/credit/scenarios/recorded").status()).isEqualTo(404);
    }

    @Test
    void severalScenariosRunAtOnceBesideCommandsAndQueries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<LedgerApi.Answer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String pct = String.valueOf(60 + 5 * i);
                runs.add(pool.submit(() -> api().send("finance", HttpMethod.POST, "/api/what-if/credit",
                        "{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"" + pct + "\"}],"
                                + " \"asOf\": [\"2024-04-14\"]}")));
            }
            // meanwhile: a command through the credit aggregate (the same registration again: recorded once,
            // answered as a duplicate) and queries, answered as usual
            for (int i = 0; i < 5; i++) {
                LedgerApi.Answer command = api().post("operator", "/api/credit/banks",
                        Map.of("bankId", "B01", "name", api().get("finance", "/api/credit/banks").json().get(0)
                                .get("name").asText()));
                assertThat(command.status()).as(command.body()).isEqualTo(200);
                assertThat(api().get("finance", "/api/totals?asOf=2024-04-14").status()).isEqualTo(200);
            }
            List<Long> compensated = new ArrayList<>();
            for (Future<LedgerApi.Answer> run : runs) {
                LedgerApi.Answer answer = run.get();
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                compensated.add(answer.json().at("/results/0/whatIf/riskPools/compensatedFen").asLong()
                        + answer.json().at("/results/0/whatIf/riskPools/waitingClaimsFen").asLong());
            }
            assertThat(compensated).as("a higher fund share: the pools owe more").isSorted();
            assertThat(compensated.get(0)).isLessThan(compensated.get(3));
        } finally {
            pool.shutdownNow();
        }
    }
}
