package cn.cq.fundledger.equityfund;

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
 * The equity reports as the ledger said them at an instant ({@code recordedAt}): facts recorded after it are
 * left out, even those dated before the others, and every figure (movements, partners, deals, marks, exits,
 * funds) leaves them out together.
 *
 * <pre>
 * recorded before the mark:
 *   EF1: 市级引导基金 1亿, 社会资本 1亿 (2020-01-01); call 1亿 on 2020-02-01 (5000万 each)
 *   D1 (PA) 4000万 2020-03-01, marked 6000万 on 2021-12-31
 * recorded after the mark:
 *   EF9: 甲 1000万 (2019-01-01), a fund established before EF1
 *   EF1: 国家引导基金 5000万 (2020-01-15)
 *   D0 (PB) 2000万 2020-02-15; half of it sold for 1500万 on 2021-01-01; 1000万 distributed on 2021-02-01
 *   D1 marked 9000万 on 2022-06-30
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:equity-point-in-time;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquityPointInTimeIntegrationTest {

    private static final long WAN = 1_000_000L;
    private static final long YI = 10_000L * WAN;
    private static final String CITY = "市级引导基金";
    private static final String NATIONAL = "国家引导基金";
    private static final String PRIVATE = "社会资本";
    private static final String AS_OF = "2023-12-31";

    @Autowired
    TestRestTemplate http;

    LedgerApi api;
    Instant mark;

    @BeforeAll
    void recordAHistoryThenBackDatedFacts() {
        api = new LedgerApi(http);
        created(commitment("EF1", CITY, "1亿", "2020-01-01"));
        created(commitment("EF1", PRIVATE, "1亿", "2020-01-01"));
        created(api.post("operator", "/api/equity/funds/EF1/calls", Map.of("callId", "C1", "amountYuan", "1亿",
                "calledOn", "2020-02-01")));
        created(deal("D1", "PA", "4000万", 10, "2020-03-01"));
        created(mark("D1", "6000万", "2021-12-31"));
        // the projections may lag: the mark is taken once the reports count everything recorded so far
        assertThat(report("/api/reports/equity/funds/EF1?asOf=" + AS_OF).get("navFen").asLong())
                .isEqualTo(6000 * WAN);
        mark = Instant.now();
        created(commitment("EF9", "甲", "1000万", "2019-01-01"));
        created(commitment("EF1", NATIONAL, "5000万", "2020-01-15"));
        created(deal("D0", "PB", "2000万", 5, "2020-02-15"));
        Map<String, Object> exit = new HashMap<>(Map.of("exitId", "X0", "proceedsYuan", "1500万",
                "exitedOn", "2021-01-01", "portionPct", 50));
        created(api.post("operator", "/api/equity/deals/D0/exits", exit));
        created(api.post("operator", "/api/equity/funds/EF1/distributions", Map.of("distributionId", "DS1",
                "amountYuan", "1000万", "distributedOn", "2021-02-01")));
        created(mark("D1", "9000万", "2022-06-30"));
    }

    @Test
    void aFundAtTheMarkLeavesOutEverythingRecordedLater() {
        JsonNode f = report("/api/reports/equity/funds/EF1?asOf=" + AS_OF + "&recordedAt=" + mark);
        assertThat(f.get("committedFen").asLong()).isEqualTo(2 * YI);
        assertThat(f.get("calledFen").asLong()).isEqualTo(YI);
        assertThat(f.get("investedFen").asLong()).isEqualTo(4000 * WAN);
        assertThat(f.get("deals").asLong()).isEqualTo(1);
        assertThat(f.get("projects").asLong()).isEqualTo(1);
        assertThat(f.get("exitedCostFen").asLong()).isZero();
        assertThat(f.get("proceedsFen").asLong()).isZero();
        assertThat(f.get("distributedFen").asLong()).isZero();
        assertThat(f.get("navFen").asLong()).isEqualTo(6000 * WAN);
        assertThat(f.get("unmarkedDeals").asLong()).isZero();
        assertThat(f.get("dpi").asText()).isEqualTo("0.0000");
        assertThat(f.get("tvpi").asText()).isEqualTo("0.6000");
        assertThat(f.get("partners").findValuesAsText("partner")).containsExactly(CITY, PRIVATE);
        assertThat(f.get("partners").get(0).get("distributedFen").asLong()).isZero();
        // a fund recorded after the mark: nothing of it yet
        JsonNode later = report("/api/reports/equity/funds/EF9?asOf=" + AS_OF + "&recordedAt=" + mark);
        assertThat(later.get("committedFen").asLong()).isZero();
        assertThat(later.get("partners")).isEmpty();
    }

    @Test
    void aFundWithoutRecordedAtCountsTheBackDatedFacts() {
        JsonNode f = report("/api/reports/equity/funds/EF1?asOf=" + AS_OF);
        assertThat(f.get("committedFen").asLong()).isEqualTo(25_000 * WAN);
        assertThat(f.get("investedFen").asLong()).isEqualTo(6000 * WAN);
        assertThat(f.get("deals").asLong()).isEqualTo(2);
        assertThat(f.get("projects").asLong()).isEqualTo(2);
        assertThat(f.get("exitedCostFen").asLong()).isEqualTo(1000 * WAN);
        assertThat(f.get("proceedsFen").asLong()).isEqualTo(1500 * WAN);
        assertThat(f.get("distributedFen").asLong()).isEqualTo(1000 * WAN);
        // D1 at its later mark 9000万, D0 at the cost of the half still held
        assertThat(f.get("navFen").asLong()).isEqualTo(YI);
        assertThat(f.get("unmarkedDeals").asLong()).isEqualTo(1);
        assertThat(f.get("dpi").asText()).isEqualTo("0.1000");
        assertThat(f.get("tvpi").asText()).isEqualTo("1.1000");
        assertThat(f.get("partners").findValuesAsText("partner")).containsExactly(CITY, PRIVATE, NATIONAL);
        assertThat(f.get("partners").get(0).get("distributedFen").asLong()).isEqualTo(500 * WAN);
        assertThat(report("/api/reports/equity/funds/EF9?asOf=" + AS_OF).get("committedFen").asLong())
                .isEqualTo(1000 * WAN);
    }

    @Test
    void allFundsAtTheMarkAndNow() {
        JsonNode then = report("/api/reports/equity/funds?asOf=" + AS_OF + "&recordedAt=" + mark);
        assertThat(then.get("funds").findValuesAsText("fundId")).containsExactly("EF1");
        assertThat(then.get("total").get("funds").asLong()).isEqualTo(1);
        assertThat(then.get("total").get("committedFen").asLong()).isEqualTo(2 * YI);
        assertThat(then.get("total").get("investedFen").asLong()).isEqualTo(4000 * WAN);
        assertThat(then.get("total").get("projects").asLong()).isEqualTo(1);
        assertThat(then.get("total").get("navFen").asLong()).isEqualTo(6000 * WAN);
        JsonNode totals = api.totals(AS_OF + "&recordedAt=" + mark).get("equityFund");
        assertThat(totals.get("investedFen").asLong()).isEqualTo(4000 * WAN);
        assertThat(totals.get("projects").asLong()).isEqualTo(1);

        JsonNode now = report("/api/reports/equity/funds?asOf=" + AS_OF);
        assertThat(now.get("funds").findValuesAsText("fundId")).containsExactly("EF1", "EF9");
        assertThat(now.get("total").get("committedFen").asLong()).isEqualTo(26_000 * WAN);
        assertThat(now.get("total").get("investedFen").asLong()).isEqualTo(6000 * WAN);
        assertThat(now.get("total").get("projects").asLong()).isEqualTo(2);
        assertThat(now.get("total").get("navFen").asLong()).isEqualTo(YI);
    }

    @Test
    void theDealBookAtTheMarkAndNow() {
        JsonNode then = report("/api/reports/equity/deals?asOf=" + AS_OF + "&fund=EF1&recordedAt=" + mark);
        assertThat(then.get("rows").findValuesAsText("dealId")).containsExactly("D1");
        JsonNode d1 = then.get("rows").get(0);
        assertThat(d1.get("navFen").asLong()).isEqualTo(6000 * WAN);
        assertThat(d1.get("markedOn").asText()).isEqualTo("2021-12-31");
        assertThat(then.get("navFen").asLong()).isEqualTo(6000 * WAN);
        assertThat(then.get("exitedCostFen").asLong()).isZero();

        JsonNode now = report("/api/reports/equity/deals?asOf=" + AS_OF + "&fund=EF1");
        assertThat(now.get("rows").findValuesAsText("dealId")).containsExactly("D0", "D1");
        assertThat(now.get("rows").get(0).get("status").asText()).isEqualTo("PARTLY_EXITED");
        assertThat(now.get("rows").get(1).get("markedOn").asText()).isEqualTo("2022-06-30");
        assertThat(now.get("navFen").asLong()).isEqualTo(YI);
        assertThat(now.get("proceedsFen").asLong()).isEqualTo(1500 * WAN);
    }

    @Test
    void aRecordedAtInTheFutureIsRefusedByEveryReport() {
        Instant future = Instant.now().plus(Duration.ofHours(1));
        for (String path : List.of("/api/reports/equity/funds", "/api/reports/equity/funds/EF1",
                "/api/reports/equity/deals")) {
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

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private Answer commitment(String fund, String partner, String amount, String on) {
        return api.post("operator", "/api/equity/commitments", Map.of("fundId", fund, "fundName", fund + "基金",
                "partner", partner, "committedYuan", amount, "committedOn", on));
    }

    private Answer deal(String dealId, String project, String amount, int stakePct, String on) {
        return api.post("operator", "/api/equity/deals", Map.of("dealId", dealId, "fundId", "EF1", "projectId",
                project, "company", "公司" + project, "amountYuan", amount, "stakePct", stakePct, "closedOn", on));
    }

    private Answer mark(String dealId, String value, String on) {
        return api.post("operator", "/api/equity/deals/" + dealId + "/marks", Map.of("valueYuan", value,
                "method", "appraisal", "markedOn", on));
    }
}
