package cn.cq.fundledger.seedfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The seed reports as the ledger said them at an instant ({@code recordedAt}): facts recorded after it are left
 * out, even those dated before everything else, and every figure of a report leaves them out together.
 *
 * <pre>
 * recorded before the mark:
 *   GX 40% city, 1000万 (2016-01-15)      LG 40% city, 150万 (2017-03-01)
 *   I1 GX P1 equity 5%  50万 2017-01-10   FR1 P1 200万 post 2000万 2019-01-01: I1 marked at 100万
 *   I2 LG P2 loan       40万 2018-02-01   repaid 40万 2020-06-24
 * recorded after the mark, all dated before the facts above or between them:
 *   NX 200万 (2016-03-01); LG raised by 100万 on 2017-06-01
 *   I0 GX P3 equity 10% 30万 2016-06-01   FR0 P3 100万 post 500万 2016-12-01: I0 marked at 50万
 *   I1 bought back for 80万 on 2018-05-01 (before FR1: held at nothing since)
 *   a second scale target, 1250万 by 2026-12-31
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:seed-point-in-time;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedPointInTimeIntegrationTest {

    private static final long WAN = 1_000_000L; // 1万 yuan in fen
    private static final String AS_OF = "2024-12-31";

    @Autowired
    TestRestTemplate http;

    LedgerApi api;
    Instant mark;

    @BeforeAll
    void recordAHistoryThenBackDatedFacts() {
        api = new LedgerApi(http);
        created(fund("GX", "1000万", "2016-01-15"));
        created(fund("LG", "150万", "2017-03-01"));
        created(equity("I1", "GX", "P1", "50万", 5, "2017-01-10"));
        created(loan("I2", "LG", "P2", "40万", "2018-02-01"));
        created(round("FR1", "P1", "200万", "2000万", "2019-01-01"));
        created(exit("I2", "X2", "repaid", "40万", "2020-06-24"));
        // the projections may lag: the mark is taken once the reports count everything recorded so far
        assertThat(report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF).at("/total/investments").asLong())
                .isEqualTo(2);
        mark = Instant.now();
        created(fund("NX", "200万", "2016-03-01"));
        created(api.post("operator", "/api/seed/funds/LG/commitment-raises", Map.of("raiseId", "LG-R1",
                "increase", "100万", "raisedOn", "2017-06-01")));
        created(equity("I0", "GX", "P3", "30万", 10, "2016-06-01"));
        created(round("FR0", "P3", "100万", "500万", "2016-12-01"));
        created(exit("I1", "X1", "buyback", "80万", "2018-05-01"));
        created(api.post("admin", "/api/seed/policies/target", Map.of("targetScale", "1250万",
                "targetDate", "2026-12-31")));
    }

    @Test
    void portfolioByFundAtTheMarkLeavesOutEverythingRecordedLater() {
        JsonNode then = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF + "&recordedAt=" + mark);
        assertThat(then.get("rows").findValuesAsText("key")).containsExactly("GX", "LG");
        assertFigures(then.get("total"), Map.ofEntries(Map.entry("committedFen", 1150 * WAN),
                Map.entry("projects", 2L), Map.entry("investments", 2L), Map.entry("investedFen", 90 * WAN),
                Map.entry("activeInvestments", 1L), Map.entry("activeFen", 50 * WAN),
                Map.entry("exitedInvestments", 1L), Map.entry("exitedCostFen", 40 * WAN),
                Map.entry("proceedsFen", 40 * WAN), Map.entry("cityProceedsFen", 16 * WAN),
                Map.entry("followOnFen", 200 * WAN), Map.entry("heldValueFen", 100 * WAN)));
        assertFigures(row(then, "LG"), Map.of("committedFen", 150 * WAN, "investedFen", 40 * WAN));
        assertFigures(row(then, "GX"), Map.of("investments", 1L, "activeFen", 50 * WAN, "followOnFen", 200 * WAN,
                "heldValueFen", 100 * WAN));
        assertThat(then.get("followOnWithoutSeedFen").asLong()).isZero();
        assertThat(then.get("targets").findValuesAsText("targetDate")).containsExactly(AS_OF);
        // the same instant in /api/totals
        JsonNode totals = api.totals(AS_OF + "&recordedAt=" + mark).get("seedFund");
        assertThat(totals.get("investedFen").asLong()).isEqualTo(90 * WAN);
        assertThat(totals.get("projects").asLong()).isEqualTo(2);
    }

    @Test
    void portfolioByFundWithoutRecordedAtCountsTheBackDatedFacts() {
        JsonNode now = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF);
        assertThat(now.get("rows").findValuesAsText("key")).containsExactly("GX", "LG", "NX");
        assertFigures(now.get("total"), Map.ofEntries(Map.entry("committedFen", 1450 * WAN),
                Map.entry("projects", 3L), Map.entry("investments", 3L), Map.entry("investedFen", 120 * WAN),
                Map.entry("activeInvestments", 1L), Map.entry("activeFen", 30 * WAN),
                Map.entry("exitedInvestments", 2L), Map.entry("exitedCostFen", 90 * WAN),
                Map.entry("proceedsFen", 120 * WAN), Map.entry("cityProceedsFen", 48 * WAN),
                // FR1 still follows I1 (invested before it), FR0 follows I0
                Map.entry("followOnFen", 300 * WAN), Map.entry("heldValueFen", 50 * WAN)));
        assertFigures(row(now, "LG"), Map.of("committedFen", 250 * WAN, "investedFen", 40 * WAN));
        assertThat(now.get("targets").findValuesAsText("targetDate")).containsExactly(AS_OF, "2026-12-31");
    }

    @Test
    void portfolioByYearAtTheMarkAndNow() {
        JsonNode then = report("/api/reports/seed/portfolio/year?asOf=" + AS_OF + "&recordedAt=" + mark);
        assertThat(then.get("rows").findValuesAsText("key")).containsExactly("2017", "2018");
        assertFigures(row(then, "2017"), Map.of("investedFen", 50 * WAN, "activeFen", 50 * WAN,
                "heldValueFen", 100 * WAN, "followOnFen", 200 * WAN));
        JsonNode now = report("/api/reports/seed/portfolio/year?asOf=" + AS_OF);
        assertThat(now.get("rows").findValuesAsText("key")).containsExactly("2016", "2017", "2018");
        assertFigures(row(now, "2017"), Map.of("investedFen", 50 * WAN, "activeFen", 0L, "heldValueFen", 0L,
                "proceedsFen", 80 * WAN));
        assertFigures(row(now, "2016"), Map.of("investedFen", 30 * WAN, "heldValueFen", 50 * WAN,
                "followOnFen", 100 * WAN));
    }

    @Test
    void targetProgressAtTheMarkAndNow() {
        JsonNode then = report("/api/reports/seed/target?asOf=" + AS_OF + "&recordedAt=" + mark).get("targets");
        assertThat(then).hasSize(1);
        assertThat(then.get(0).get("committedFen").asLong()).isEqualTo(1150 * WAN);
        assertThat(then.get(0).get("investedFen").asLong()).isEqualTo(90 * WAN);
        JsonNode now = report("/api/reports/seed/target?asOf=" + AS_OF).get("targets");
        assertThat(now).hasSize(2);
        assertThat(now.get(1).get("targetFen").asLong()).isEqualTo(1250 * WAN);
        assertThat(now.get(1).get("committedFen").asLong()).isEqualTo(1450 * WAN);
        assertThat(now.get(0).get("investedFen").asLong()).isEqualTo(120 * WAN);
    }

    @Test
    void investmentBookAtTheMarkAndNow() {
        JsonNode then = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&recordedAt=" + mark);
        assertThat(then.get("rows").findValuesAsText("investmentId")).containsExactly("I1", "I2");
        assertThat(then.get("rows").get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(then.get("rows").get(0).get("heldValueFen").asLong()).isEqualTo(100 * WAN);
        assertThat(then.get("sums").get("amountFen").asLong()).isEqualTo(90 * WAN);
        assertThat(then.get("sums").get("proceedsFen").asLong()).isEqualTo(40 * WAN);
        assertThat(then.get("sums").get("followOnFen").asLong()).isEqualTo(200 * WAN);
        JsonNode activeThen = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&status=active&recordedAt="
                + mark);
        assertThat(activeThen.get("rows").findValuesAsText("investmentId")).containsExactly("I1");

        JsonNode now = report("/api/reports/seed/investment-book?asOf=" + AS_OF);
        assertThat(now.get("rows").findValuesAsText("investmentId")).containsExactly("I0", "I1", "I2");
        assertThat(now.get("rows").get(1).get("status").asText()).isEqualTo("EXITED");
        assertThat(now.get("sums").get("amountFen").asLong()).isEqualTo(120 * WAN);
        assertThat(now.get("sums").get("proceedsFen").asLong()).isEqualTo(120 * WAN);
        assertThat(now.get("sums").get("heldValueFen").asLong()).isEqualTo(50 * WAN);
        JsonNode activeNow = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&status=active");
        assertThat(activeNow.get("rows").findValuesAsText("investmentId")).containsExactly("I0");
    }

    @Test
    void aRecordedAtInTheFutureIsRefusedByEveryReport() {
        Instant future = Instant.now().plus(Duration.ofHours(1));
        for (String path : List.of("/api/reports/seed/portfolio/fund", "/api/reports/seed/portfolio/year",
                "/api/reports/seed/target", "/api/reports/seed/investment-book")) {
            Answer answer = api.get("finance", path + "?asOf=" + AS_OF + "&recordedAt=" + future);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("field").asText()).as(path).isEqualTo("recordedAt");
        }
    }

    private JsonNode report(String path) {
        Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        return answer.json();
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    private static void assertFigures(JsonNode row, Map<String, Long> expected) {
        expected.forEach((field, value) -> assertThat(row.get(field).asLong()).as(row.get("key") + " " + field)
                .isEqualTo(value));
    }

    private Answer fund(String id, String committed, String on) {
        return api.post("operator", "/api/seed/funds", Map.of("fundId", id, "name", id + "种子基金", "partner",
                id + "合伙人", "committed", committed, "establishedOn", on));
    }

    private Answer equity(String id, String fund, String project, String amount, int pct, String date) {
        Map<String, Object> body = new HashMap<>(Map.of("investmentId", id, "fundId", fund, "projectId", project,
                "enterpriseName", "项目公司" + project, "instrument", "equity", "amount", amount, "equityPct", pct));
        body.put("investedOn", date);
        return api.post("operator", "/api/seed/investments", body);
    }

    private Answer loan(String id, String fund, String project, String amount, String date) {
        Map<String, Object> body = new HashMap<>(Map.of("investmentId", id, "fundId", fund, "projectId", project,
                "enterpriseName", "项目公司" + project, "instrument", "loan", "amount", amount, "equityPct", ""));
        body.put("investedOn", date);
        return api.post("operator", "/api/seed/investments", body);
    }

    private Answer exit(String investment, String id, String route, String proceeds, String date) {
        return api.post("operator", "/api/seed/investments/" + investment + "/exit", Map.of("exitId", id,
                "route", route, "proceeds", proceeds, "exitedOn", date));
    }

    private Answer round(String id, String project, String amount, String postMoney, String date) {
        return api.post("operator", "/api/seed/follow-on-rounds", Map.of("roundId", id, "projectId", project,
                "investor", "某天使投资", "amount", amount, "postMoney", postMoney, "closedOn", date));
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
