package cn.cq.fundledger.equityfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import cn.cq.fundledger.system.ProjectionConsistency;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Corrections of equity facts over HTTP: refusals (400, 404, 409, 422) record nothing; a reversal, with its
 * replacement where given, is dated at the fact's own business date, so the reports as of any date net it out while
 * the reports as recorded before it still show the fact; the history links the reversal to the fact's event, and the
 * explanations list both.
 *
 * <pre>
 * recorded first: EF1 市级引导基金 1亿, 社会资本 1亿 (2020-01-01); call C1 1亿 (2020-02-01);
 *   D1 (PA) 4000万 2020-03-01; D2 (PB) 3000万 2020-04-01; D9 (PC) 1000万 2021-01-01;
 *   D1 marked 6000万 on 2021-12-31 and 9000万 on 2022-06-30; half of D1 sold for 5000万 on 2022-09-01;
 *   DS1 2000万 distributed on 2022-10-01
 * then corrected: D2 replaced by D2b (PB) 2500万 on 2020-04-01; D9 reversed; the mark of 2022-06-30 replaced by
 *   7000万; DS1 reversed
 * then recorded, back-dated: D5 (PD) 500万 on 2020-05-01
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:equity-corrections;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EquityCorrectionsIntegrationTest {

    private static final long WAN = 1_000_000L;
    private static final String AS_OF = "2023-12-31";
    private static final String FUND = "/api/reports/equity/funds/EF1?asOf=" + AS_OF;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionConsistency consistency;

    LedgerApi api;
    EventStoreProbe store;
    Instant beforeCorrections;
    Instant afterCorrections;

    @BeforeAll
    void recordCorrectAndBackDate() {
        api = new LedgerApi(http);
        store = new EventStoreProbe(jdbc);
        for (String partner : List.of("市级引导基金", "社会资本")) {
            created(api.post("operator", "/api/equity/commitments", Map.of("fundId", "EF1", "fundName", "成果转化基金",
                    "partner", partner, "committedYuan", "1亿", "committedOn", "2020-01-01")));
        }
        created(api.post("operator", "/api/equity/funds/EF1/calls", Map.of("callId", "C1", "amountYuan", "1亿",
                "calledOn", "2020-02-01")));
        created(deal("D1", "PA", "4000万", "2020-03-01"));
        created(deal("D2", "PB", "3000万", "2020-04-01"));
        created(deal("D9", "PC", "1000万", "2021-01-01"));
        created(mark("D1", "6000万", "2021-12-31"));
        created(mark("D1", "9000万", "2022-06-30"));
        created(api.post("operator", "/api/equity/deals/D1/exits", Map.of("exitId", "X1", "proceedsYuan", "5000万",
                "exitedOn", "2022-09-01", "portionPct", 50)));
        created(api.post("operator", "/api/equity/funds/EF1/distributions", Map.of("distributionId", "DS1",
                "amountYuan", "2000万", "distributedOn", "2022-10-01")));
        assertThat(report(FUND).get("deals").asLong()).isEqualTo(3);
        beforeCorrections = Instant.now();

        created(correct("deal", "D2", "金额录入错误", Map.of("dealId", "D2b", "fundId", "EF1", "projectId", "PB",
                "company", "公司PB", "amountYuan", "2500万", "stakePct", 8, "closedOn", "2020-04-01")));
        created(correct("DEAL", "D9", "不属本基金", null));
        created(correct("mark", "D1@2022-06-30", "估值录入错误", Map.of("valueYuan", "7000万", "method", "appraisal",
                "markedOn", "2022-06-30")));
        created(correct("Distribution", "DS1", "重复录入", null));
        assertThat(report(FUND).get("deals").asLong()).isEqualTo(2);
        afterCorrections = Instant.now();
        created(deal("D5", "PD", "500万", "2020-05-01"));
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aCorrectionWithoutAReasonIsRefused() {
        long events = store.count();
        Answer answer = correct("deal", "D1", " ", null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo("reason");
        Answer noKind = correct("loan", "D1", "错误", null);
        assertThat(noKind.status()).isEqualTo(400);
        assertThat(noKind.json().get("field").asText()).isEqualTo("kind");
        assertThat(store.count()).isEqualTo(events);
    }

    @Test
    void anUnknownFactIsNotFound() {
        Answer answer = correct("call", "C9", "错误", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("rule").asText()).isEqualTo("unknown-fact");
        assertThat(correct("mark", "D1@2022-06-29", "错误", null).status()).isEqualTo(404);
    }

    @Test
    void theSameCorrectionAgainIsADuplicateAndAnotherReasonAConflict() {
        long events = store.count();
        Answer again = correct("deal", "D2", "金额录入错误", Map.of("dealId", "D2b", "fundId", "EF1", "projectId", "PB",
                "company", "公司PB", "amountYuan", "2500万", "stakePct", 8, "closedOn", "2020-04-01"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        Answer other = correct("deal", "D2", "另一个理由", null);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("field").asText()).isEqualTo("factId");
        assertThat(store.count()).isEqualTo(events);
    }

    @Test
    void aReversalThatLaterFactsRestOnIsRefusedAndRecordsNothing() {
        long events = store.count();
        Answer marked = correct("deal", "D1", "错误", null);
        assertThat(marked.status()).isEqualTo(422);
        assertThat(marked.json().get("rule").asText()).isEqualTo("deal-has-marks");
        Answer call = correct("call", "C1", "错误", null);
        assertThat(call.status()).isEqualTo(422);
        assertThat(call.json().get("rule").asText()).isEqualTo("call-funds-deals");
        Answer commitment = correct("commitment", "EF1/市级引导基金@2020-01-01", "错误", null);
        assertThat(commitment.status()).isEqualTo(422);
        assertThat(commitment.json().get("rule").asText()).isEqualTo("commitment-shared-in-calls");
        assertThat(store.count()).isEqualTo(events);
    }

    @Test
    void aReplacementThatBreaksARuleRecordsNeitherItNorTheReversal() {
        long events = store.count();
        Answer answer = correct("exit", "X1", "金额错误", Map.of("exitId", "X1b", "proceedsYuan", "5000万",
                "exitedOn", "2022-09-01", "portionPct", 150));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("replacement.portionPct");
        Answer tooEarly = correct("exit", "X1", "金额错误", Map.of("exitId", "X1b", "proceedsYuan", "5000万",
                "exitedOn", "2020-01-01"));
        assertThat(tooEarly.status()).isEqualTo(422);
        assertThat(tooEarly.json().get("field").asText()).isEqualTo("replacement.exitedOn");
        assertThat(store.count()).isEqualTo(events);
        assertThat(report(FUND).get("proceedsFen").asLong()).isEqualTo(5000 * WAN);
    }

    // ------------------------------------------------------------------ the reports

    @Test
    void theFundAsOfAnyDateNetsTheReversedFactsOut() {
        JsonNode now = report(FUND);
        assertThat(now.get("investedFen").asLong()).isEqualTo(7000 * WAN);   // D1 4000万, D2b 2500万, D5 500万
        assertThat(now.get("deals").asLong()).isEqualTo(3);
        assertThat(now.get("projects").asLong()).isEqualTo(3);                // PA, PB, PD; PC no more
        assertThat(now.get("distributedFen").asLong()).isZero();
        // D1: the corrected mark 7000万 for the half held; D2b and D5 at cost
        assertThat(now.get("navFen").asLong()).isEqualTo(6500 * WAN);
        assertThat(now.get("unmarkedDeals").asLong()).isEqualTo(2);
        assertThat(now.get("dpi").asText()).isEqualTo("0.0000");
        assertThat(now.get("tvpi").asText()).isEqualTo("0.6500");
        // from the reversed facts' own dates on
        assertThat(report("/api/reports/equity/funds/EF1?asOf=2020-04-01").get("investedFen").asLong())
                .isEqualTo(6500 * WAN);
        assertThat(report("/api/reports/equity/funds/EF1?asOf=2021-01-01").get("projects").asLong()).isEqualTo(3);
        // /api/totals nets them out the same way, and as recorded before the corrections still counts them
        JsonNode totals = api.totals(AS_OF).get("equityFund");
        assertThat(totals.get("projects").asLong()).isEqualTo(3);
        assertThat(totals.get("investedFen").asLong()).isEqualTo(7000 * WAN);
        JsonNode before = api.totals(AS_OF + "&recordedAt=" + beforeCorrections).get("equityFund");
        assertThat(before.get("investedFen").asLong()).isEqualTo(8000 * WAN);
        assertThat(api.totals(AS_OF + "&recordedAt=" + afterCorrections).at("/equityFund/projects").asLong())
                .isEqualTo(2);
    }

    @Test
    void theFundAsRecordedBeforeTheCorrectionsStillShowsTheFacts() {
        JsonNode then = report(FUND + "&recordedAt=" + beforeCorrections);
        assertThat(then.get("investedFen").asLong()).isEqualTo(8000 * WAN);
        assertThat(then.get("deals").asLong()).isEqualTo(3);
        assertThat(then.get("projects").asLong()).isEqualTo(3);
        assertThat(then.get("distributedFen").asLong()).isEqualTo(2000 * WAN);
        assertThat(then.get("navFen").asLong()).isEqualTo(8500 * WAN);       // 9000万 × 50% + 3000万 + 1000万
        assertThat(then.get("tvpi").asText()).isEqualTo("1.0500");
        // after the corrections, before the back-dated D5
        JsonNode corrected = report(FUND + "&recordedAt=" + afterCorrections);
        assertThat(corrected.get("investedFen").asLong()).isEqualTo(6500 * WAN);
        assertThat(corrected.get("projects").asLong()).isEqualTo(2);
        JsonNode total = report("/api/reports/equity/funds?asOf=" + AS_OF + "&recordedAt=" + afterCorrections)
                .get("total");
        assertThat(total.get("projects").asLong()).isEqualTo(2);
        assertThat(total.get("investedFen").asLong()).isEqualTo(6500 * WAN);
    }

    @Test
    void theDealBookAndTheDealsShowWhatWasReversedAndWhy() {
        JsonNode book = report("/api/reports/equity/deals?asOf=" + AS_OF + "&fund=EF1");
        assertThat(book.get("rows").findValuesAsText("dealId")).containsExactly("D1", "D2b", "D5");
        assertThat(book.get("reversed").findValuesAsText("dealId")).containsExactly("D2", "D9");
        assertThat(book.at("/reversed/0/reversal/reason").asText()).isEqualTo("金额录入错误");
        assertThat(book.at("/reversed/0/reversal/replacedBy").asText()).isEqualTo("D2b");
        assertThat(book.get("amountFen").asLong()).isEqualTo(7000 * WAN);
        JsonNode then = report("/api/reports/equity/deals?asOf=" + AS_OF + "&fund=EF1&recordedAt=" + beforeCorrections);
        assertThat(then.get("rows").findValuesAsText("dealId")).containsExactly("D1", "D2", "D9");
        assertThat(then.get("reversed")).isEmpty();

        JsonNode d2 = ok(api.get("operator", "/api/equity/deals/D2?asOf=" + AS_OF)).json();
        assertThat(d2.get("status").asText()).isEqualTo("REVERSED");
        assertThat(d2.at("/reversal/reason").asText()).isEqualTo("金额录入错误");
        JsonNode d1 = ok(api.get("operator", "/api/equity/deals/D1?asOf=" + AS_OF)).json();
        assertThat(d1.get("marks").findValuesAsText("valueFen")).containsExactly(Long.toString(6000 * WAN),
                Long.toString(9000 * WAN), Long.toString(7000 * WAN));
        assertThat(d1.at("/marks/1/reversal/reason").asText()).isEqualTo("估值录入错误");
        assertThat(d1.at("/marks/2/reversal").isNull()).isTrue();
        JsonNode distributions = ok(api.get("operator", "/api/equity/funds/EF1/distributions?asOf=" + AS_OF)).json();
        assertThat(distributions.at("/0/reversal/reason").asText()).isEqualTo("重复录入");
    }

    @Test
    void theHistoryLinksEachReversalToTheEventOfItsFact() {
        JsonNode reversals = ok(api.get("auditor", "/api/audit/events?type=EquityFactReversed&size=100")).json()
                .get("events");
        assertThat(reversals).hasSize(4);
        JsonNode d2Reversal = null;
        for (JsonNode event : reversals) {
            if (event.at("/payload/factId").asText().equals("D2")) {
                d2Reversal = event;
            }
        }
        assertThat(d2Reversal).isNotNull();
        String d2Event = null;
        for (JsonNode event : ok(api.get("auditor", "/api/audit/events?type=DealClosed&size=100")).json()
                .get("events")) {
            if (event.at("/payload/dealId").asText().equals("D2")) {
                d2Event = event.get("eventId").asText();
            }
        }
        assertThat(d2Reversal.at("/payload/reversesEventId").asText()).isEqualTo(d2Event);
        assertThat(d2Reversal.at("/payload/reason").asText()).isEqualTo("金额录入错误");
        assertThat(d2Reversal.at("/payload/replacedBy").asText()).isEqualTo("D2b");
        assertThat(d2Reversal.get("businessDate").asText()).isEqualTo("2020-04-01");
        assertThat(d2Reversal.at("/payload/amount").asLong()).isEqualTo(3000 * WAN);
    }

    // ------------------------------------------------------------------ explanations

    @Test
    void theExplanationsListTheFactAndItsReversalAddingUpToTheFigure() {
        JsonNode invested = report("/api/reports/equity/funds/EF1/explain?figure=investedFen&asOf=" + AS_OF);
        assertThat(invested.get("parts").findValuesAsText("kind"))
                .containsExactly("DEAL", "DEAL", "REVERSAL", "DEAL", "DEAL", "DEAL", "REVERSAL");
        assertThat(invested.get("parts").findValuesAsText("factId"))
                .containsExactly("D1", "D2", "D2", "D2b", "D5", "D9", "D9");
        assertThat(sum(invested.get("parts"))).isEqualTo(invested.get("value").asLong()).isEqualTo(7000 * WAN);
        JsonNode projects = report("/api/reports/equity/funds/EF1/explain?figure=projects&asOf=" + AS_OF);
        assertThat(projects.get("parts").findValuesAsText("factId")).containsExactly("D1", "D2b", "D5");
        assertThat(projects.get("value").asLong()).isEqualTo(3);
        JsonNode partner = report("/api/reports/equity/funds/EF1/explain?partner=社会资本&figure=distributedFen&asOf="
                + AS_OF);
        assertThat(partner.get("parts").findValuesAsText("amount")).containsExactly(Long.toString(1000 * WAN),
                Long.toString(-1000 * WAN));
        assertThat(partner.get("value").asLong()).isZero();
        JsonNode nav = report("/api/reports/equity/funds/EF1/explain?figure=navFen&asOf=" + AS_OF);
        assertThat(nav.get("parts").findValuesAsText("factId")).containsExactly("D2b", "D5", "D1@2022-06-30");
        assertThat(nav.at("/parts/2/valuation/markValueFen").asLong()).isEqualTo(7000 * WAN);
        JsonNode tvpi = report("/api/reports/equity/funds/EF1/explain?figure=tvpi&asOf=" + AS_OF + "&recordedAt="
                + beforeCorrections);
        assertThat(tvpi.get("value").asText()).isEqualTo("1.0500");
        assertThat(tvpi.get("components").findValuesAsText("figure"))
                .containsExactly("distributedFen", "navFen", "calledFen");
        assertThat(tvpi.at("/components/1/value").asLong()).isEqualTo(8500 * WAN);
        assertThat(tvpi.at("/components/1/parts/2/factId").asText()).isEqualTo("D1@2022-06-30");
    }

    // ------------------------------------------------------------------ replay

    @Test
    @Order(Integer.MAX_VALUE)
    void aReplayRebuildsTheSameRowsReversalsIncluded() {
        Map<String, List<Map<String, Object>>> before = tables();
        StreamingEventProcessor processor = processing.eventProcessor("equity-ledger", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        assertThat(consistency.awaitPosition(consistency.head(), Duration.ofSeconds(30))).isTrue();
        assertThat(tables()).isEqualTo(before);
        assertThat(before.get("equity_reversal")).hasSize(4);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> rows = new HashMap<>();
        for (String table : List.of("equity_movement", "equity_partner_movement", "equity_fund", "equity_deal",
                "equity_mark", "equity_exit", "equity_reversal")) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY global_index"
                    + (table.equals("equity_partner_movement") ? ", partner" : "")));
        }
        return rows;
    }

    private static long sum(JsonNode parts) {
        long sum = 0;
        for (JsonNode part : parts) {
            sum += part.get("amount").asLong();
        }
        return sum;
    }

    private Answer correct(String kind, String factId, String reason, Map<String, Object> replacement) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "factId", factId, "reason", reason));
        if (replacement != null) {
            body.put("replacement", replacement);
        }
        return api.post("operator", "/api/equity/corrections", body);
    }

    private Answer deal(String dealId, String project, String amount, String on) {
        return api.post("operator", "/api/equity/deals", Map.of("dealId", dealId, "fundId", "EF1", "projectId",
                project, "company", "公司" + project, "amountYuan", amount, "stakePct", 8, "closedOn", on));
    }

    private Answer mark(String dealId, String value, String on) {
        return api.post("operator", "/api/equity/deals/" + dealId + "/marks", Map.of("valueYuan", value,
                "method", "appraisal", "markedOn", on));
    }

    private JsonNode report(String path) {
        return ok(api.get("finance", path)).json();
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        return answer;
    }

    @Test
    void theStandaloneVerifierRecomputesTheCorrectedTotals(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        cn.cq.fundledger.support.ExportCheck.verifierAgreesWithTotals(api, AS_OF, dir);
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
