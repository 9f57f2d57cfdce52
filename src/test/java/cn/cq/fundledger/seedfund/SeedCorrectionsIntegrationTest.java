package cn.cq.fundledger.seedfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
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
 * Corrections of seed facts through POST /api/seed/corrections, and the reports, the investment book and the
 * explanations after them, now and as the ledger said them before (recordedAt).
 *
 * <pre>
 * recorded first (mark "before"):
 *   GX 40% 1000万 (2016-01-15)     LG 40% 150万 (2017-03-01), raised by 100万 on 2017-06-01 (LG-R1)
 *   I1 GX P1 equity 5%  50万 2017-01-10                         FR1 P1 200万 post 2000万 2019-01-01 (I1 at 100万)
 *   I2 LG P2 loan       40万 2018-02-01  X2 repaid 40万 2020-06-24
 *   I3 GX P3 equity 10% 30万 2018-06-01                         FR3 P3 100万 post 600万 2019-06-01 (I3 at 60万)
 *   I5 LG P5 loan       20万 2019-01-01  X5 write_off 2021-01-01
 *   I6 GX P6 equity 5%  20万 2019-03-01  X6 buyback 30万 2021-01-01
 * corrections (mark "corrected"):
 *   I3 reversed, corrected by I3-C GX P1 equity 10% 25万 2018-06-01 (P1: 50万 + 25万 under the 80万 cap)
 *   X2 reversed (the loan was not repaid): I2 active again
 *   X6 reversed, corrected by X6-C buyback 35万 2021-01-01
 *   FR1 reversed: I1 held at cost again
 *   LG-R1 reversed (LG's 60万 invested fit its 150万)
 * recorded last, back-dated before everything: I0 GX P7 loan 10万 2016-06-01
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:seed-corrections;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedCorrectionsIntegrationTest {

    private static final long WAN = 1_000_000L;
    private static final String AS_OF = "2024-12-31";

    @Autowired
    TestRestTemplate http;

    LedgerApi api;
    Instant before;
    Instant corrected;

    @BeforeAll
    void recordCorrectAndBackDate() {
        api = new LedgerApi(http);
        created(fund("GX", "1000万", "2016-01-15"));
        created(fund("LG", "150万", "2017-03-01"));
        created(api.post("operator", "/api/seed/funds/LG/commitment-raises", Map.of("raiseId", "LG-R1",
                "increase", "100万", "raisedOn", "2017-06-01")));
        created(api.post("operator", "/api/seed/investments", equity("I1", "GX", "P1", "50万", 5, "2017-01-10")));
        created(api.post("operator", "/api/seed/investments", loan("I2", "LG", "P2", "40万", "2018-02-01")));
        created(exit("I2", "X2", "repaid", "40万", "2020-06-24"));
        created(api.post("operator", "/api/seed/investments", equity("I3", "GX", "P3", "30万", 10, "2018-06-01")));
        created(api.post("operator", "/api/seed/investments", loan("I5", "LG", "P5", "20万", "2019-01-01")));
        created(exit("I5", "X5", "write_off", "0", "2021-01-01"));
        created(api.post("operator", "/api/seed/investments", equity("I6", "GX", "P6", "20万", 5, "2019-03-01")));
        created(exit("I6", "X6", "buyback", "30万", "2021-01-01"));
        created(round("FR1", "P1", "200万", "2000万", "2019-01-01"));
        created(round("FR3", "P3", "100万", "600万", "2019-06-01"));
        assertThat(report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF).at("/total/investments").asLong())
                .isEqualTo(5);
        before = Instant.now();

        Answer investment = correct("Investment", "I3", "项目编号录错",
                equity("I3-C", "GX", "P1", "25万", 10, "2018-06-01"));
        created(investment);
        assertThat(investment.json().get("id").asText()).isEqualTo("INVESTMENT:I3");
        created(correct("exit", "X2", "还款未到账", null));
        Map<String, Object> x6 = new HashMap<>(Map.of("exitId", "X6-C", "investmentId", "I6", "route", "buyback",
                "proceeds", "35万", "exitedOn", "2021-01-01"));
        created(correct("exit", "X6", "回购价款录错", x6));
        created(correct("FOLLOW_ON_ROUND", "FR1", "估值录错", null));
        created(correct("commitment_raise", "LG-R1", "重复录入", null));
        assertThat(report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF).at("/total/proceedsFen").asLong())
                .isEqualTo(35 * WAN);
        corrected = Instant.now();

        created(api.post("operator", "/api/seed/investments", loan("I0", "GX", "P7", "10万", "2016-06-01")));
    }

    // ------------------------------------------------------------ refusals

    @Test
    void aCorrectionNeedsAReason() {
        for (String reason : new String[]{null, "", "  "}) {
            Map<String, Object> body = new HashMap<>(Map.of("kind", "investment", "factId", "I1"));
            body.put("reason", reason);
            Answer answer = api.post("operator", "/api/seed/corrections", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("field").asText()).isEqualTo("reason");
        }
        Answer unknownKind = correct("loan", "I1", "录错", null);
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().get("field").asText()).isEqualTo("kind");
        assertThat(api.post("finance", "/api/seed/corrections", Map.of("kind", "investment", "factId", "I1",
                "reason", "录错")).status()).as("operators correct facts").isEqualTo(403);
    }

    @Test
    void aFactThatIsNotRecordedIsNotFound() {
        Answer answer = correct("investment", "I404", "录错", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.json().get("rule").asText()).isEqualTo("unknown-fact");
        assertThat(answer.json().get("field").asText()).isEqualTo("factId");
    }

    @Test
    void theSameCorrectionAgainIsADuplicateAndAnotherReasonAConflict() {
        Answer again = correct("exit", "X2", "还款未到账", null);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        Answer other = correct("exit", "X2", "另一个理由", null);
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.json().get("rule").asText()).isEqualTo("id-conflict");
        Answer sameWithItsCorrection = correct("investment", "I3", "项目编号录错",
                equity("I3-C", "GX", "P1", "25万", 10, "2018-06-01"));
        assertThat(sameWithItsCorrection.status()).as(sameWithItsCorrection.body()).isEqualTo(200);
        assertThat(sameWithItsCorrection.json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void anInvestmentWhoseExitStandsIsNotReversed() {
        Answer answer = correct("investment", "I5", "重复录入", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("rule").asText()).isEqualTo("reverse-exit-first");
        assertThat(answer.json().get("detail").asText()).contains("X5");
        assertThat(get("/api/seed/investments/I5?asOf=" + AS_OF).get("status").asText()).isEqualTo("WRITTEN_OFF");
    }

    @Test
    void aCorrectedFactThatBreaksARuleLeavesNothingRecorded() {
        // P1 holds I1 50万 and I3-C 25万: a corrected I1 of 60万 would take it over the 80万 cap
        Answer overCap = correct("investment", "I1", "金额录错", equity("I1-C", "GX", "P1", "60万", 5, "2017-01-10"));
        assertThat(overCap.status()).as(overCap.body()).isEqualTo(422);
        assertThat(overCap.json().get("field").asText()).isEqualTo("replacement.amount");
        assertThat(overCap.json().get("rule").asText()).isEqualTo("project-cap-exceeded");
        Answer malformed = correct("investment", "I1", "金额录错", equity("I1-C", "GX", "P1", "五十万", 5,
                "2017-01-10"));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("replacement.amount");
        Answer sameId = correct("investment", "I1", "金额录错", equity("I1", "GX", "P1", "50万", 5, "2017-01-10"));
        assertThat(sameId.status()).as(sameId.body()).isEqualTo(409);
        assertThat(sameId.json().get("field").asText()).isEqualTo("replacement.investmentId");
        // nothing was recorded: I1 stands, with no reversal, and the corrected fact does not exist
        JsonNode i1 = get("/api/seed/investments/I1?asOf=" + AS_OF);
        assertThat(i1.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(i1.get("reversals")).isEmpty();
        assertThat(api.get("finance", "/api/seed/investments/I1-C").status()).isEqualTo(404);
        assertThat(api.get("auditor", "/api/audit/events?type=SeedFactReversed").json().get("total").asLong())
                .isEqualTo(5);
        // and the program's rules still count I1 (the refused command's reversal was rolled back with it): P1 holds
        // 75万, so 130万 more would take it over the 200万 cap, while without I1 it would fit
        Answer overCapWithI1 = api.post("operator", "/api/seed/investments",
                loan("I9", "GX", "P1", "130万", "2024-11-01"));
        assertThat(overCapWithI1.status()).as(overCapWithI1.body()).isEqualTo(422);
        assertThat(overCapWithI1.json().get("rule").asText()).isEqualTo("project-cap-exceeded");
    }

    // ------------------------------------------------------------ reports

    @Test
    void thePortfolioNetsTheCorrectionsOutAndSaidWhatItSaidBefore() {
        JsonNode now = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF);
        assertFigures(now.get("total"), Map.ofEntries(Map.entry("committedFen", 1150 * WAN),
                Map.entry("projects", 5L), Map.entry("investments", 6L), Map.entry("investedFen", 165 * WAN),
                Map.entry("activeInvestments", 4L), Map.entry("activeFen", 125 * WAN),
                Map.entry("exitedInvestments", 1L), Map.entry("exitedCostFen", 20 * WAN),
                Map.entry("writtenOffInvestments", 1L), Map.entry("writtenOffFen", 20 * WAN),
                Map.entry("proceedsFen", 35 * WAN), Map.entry("cityProceedsFen", 14 * WAN),
                Map.entry("followOnFen", 0L), Map.entry("heldValueFen", 125 * WAN)));
        assertThat(now.get("followOnWithoutSeedFen").asLong()).as("FR3's project has no seed money left")
                .isEqualTo(100 * WAN);
        assertFigures(row(now, "LG"), Map.of("committedFen", 150 * WAN, "investedFen", 60 * WAN, "projects", 2L));

        JsonNode corrected = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF + "&recordedAt=" + this.corrected);
        assertFigures(corrected.get("total"), Map.of("projects", 4L, "investments", 5L, "investedFen", 155 * WAN,
                "activeFen", 115 * WAN));

        JsonNode then = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF + "&recordedAt=" + before);
        assertFigures(then.get("total"), Map.ofEntries(Map.entry("committedFen", 1250 * WAN),
                Map.entry("projects", 5L), Map.entry("investments", 5L), Map.entry("investedFen", 160 * WAN),
                Map.entry("activeInvestments", 2L), Map.entry("activeFen", 80 * WAN),
                Map.entry("exitedInvestments", 2L), Map.entry("exitedCostFen", 60 * WAN),
                Map.entry("proceedsFen", 70 * WAN), Map.entry("followOnFen", 300 * WAN),
                Map.entry("heldValueFen", 160 * WAN)));
        assertThat(then.get("followOnWithoutSeedFen").asLong()).isZero();
    }

    @Test
    void backDatedReversalsAndFactsAsOfAnEarlierDate() {
        String asOf = "2018-12-31";
        assertFigures(report("/api/reports/seed/portfolio/year?asOf=" + asOf).get("total"),
                Map.of("investedFen", 125 * WAN, "projects", 3L)); // I0 10万, I1 50万, I2 40万, I3-C 25万
        assertFigures(report("/api/reports/seed/portfolio/year?asOf=" + asOf + "&recordedAt=" + corrected)
                .get("total"), Map.of("investedFen", 115 * WAN, "projects", 2L));
        JsonNode then = report("/api/reports/seed/portfolio/year?asOf=" + asOf + "&recordedAt=" + before);
        assertFigures(then.get("total"), Map.of("investedFen", 120 * WAN, "projects", 3L));
        assertFigures(row(then, "2018"), Map.of("investedFen", 70 * WAN, "projects", 2L));
        assertFigures(row(report("/api/reports/seed/portfolio/year?asOf=" + asOf), "2018"),
                Map.of("investedFen", 65 * WAN, "projects", 2L)); // I2 P2, I3-C P1
    }

    @Test
    void totalsNetTheCorrectionsOut() {
        for (String at : new String[]{"", "&recordedAt=" + corrected, "&recordedAt=" + before}) {
            JsonNode report = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF + at);
            JsonNode totals = api.totals(AS_OF + at).get("seedFund");
            assertThat(totals.get("investedFen").asLong()).as(at).isEqualTo(report.at("/total/investedFen").asLong());
        }
        assertThat(api.totals(AS_OF + "&recordedAt=" + before).at("/seedFund/projects").asLong()).isEqualTo(5);
        // a project whose only investment was reversed counts no more
        assertThat(api.totals(AS_OF).at("/seedFund/projects").asLong()).isEqualTo(5);
        assertThat(api.totals(AS_OF + "&recordedAt=" + corrected).at("/seedFund/projects").asLong()).isEqualTo(4);
    }

    @Test
    void theScaleTargetSeesTheReversedRaise() {
        JsonNode now = report("/api/reports/seed/target?asOf=" + AS_OF).get("targets").get(0);
        assertThat(now.get("committedFen").asLong()).isEqualTo(1150 * WAN);
        JsonNode then = report("/api/reports/seed/target?asOf=" + AS_OF + "&recordedAt=" + before)
                .get("targets").get(0);
        assertThat(then.get("committedFen").asLong()).isEqualTo(1250 * WAN);
    }

    // ------------------------------------------------------------ the book and the views

    @Test
    void theInvestmentBookShowsReversedFactsAsReversed() {
        JsonNode book = report("/api/reports/seed/investment-book?asOf=" + AS_OF);
        assertThat(ids(book)).containsExactly("I0", "I1", "I2", "I3", "I3-C", "I5", "I6");
        JsonNode i3 = bookRow(book, "I3");
        assertThat(i3.get("status").asText()).isEqualTo("REVERSED");
        JsonNode reversal = i3.at("/reversals/0");
        assertThat(reversal.get("reason").asText()).isEqualTo("项目编号录错");
        assertThat(reversal.get("replacedBy").asText()).isEqualTo("I3-C");
        assertThat(reversal.get("eventId").asText()).isNotBlank();
        assertThat(reversal.get("businessDate").asText()).isEqualTo("2018-06-01");
        // the reversal links to the event that recorded I3
        JsonNode parts = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=investedFen&asOf=" + AS_OF)
                .get("parts");
        String i3Event = null;
        for (JsonNode part : parts) {
            if (part.get("kind").asText().equals("INVESTMENT") && part.get("factId").asText().equals("I3")) {
                i3Event = part.get("eventId").asText();
            }
        }
        assertThat(reversal.get("reversesEventId").asText()).isEqualTo(i3Event);
        assertThat(bookRow(book, "I2").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(bookRow(book, "I2").at("/reversals/0/factId").asText()).isEqualTo("X2");
        assertThat(bookRow(book, "I6").get("proceedsFen").asLong()).isEqualTo(35 * WAN);
        assertThat(book.at("/sums/amountFen").asLong()).as("reversed rows count in no sum").isEqualTo(165 * WAN);
        assertThat(ids(report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&status=reversed")))
                .containsExactly("I3");

        JsonNode then = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&recordedAt=" + before);
        assertThat(ids(then)).containsExactly("I1", "I2", "I3", "I5", "I6");
        assertThat(bookRow(then, "I3").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(bookRow(then, "I3").get("reversals")).isEmpty();
        assertThat(bookRow(then, "I2").get("status").asText()).isEqualTo("EXITED");
        assertThat(then.at("/sums/amountFen").asLong()).isEqualTo(160 * WAN);
    }

    @Test
    void theInvestmentProjectAndRoundViewsShowTheReversals() {
        JsonNode i3 = get("/api/seed/investments/I3?asOf=" + AS_OF);
        assertThat(i3.get("status").asText()).isEqualTo("REVERSED");
        assertThat(i3.get("movements").findValuesAsText("kind")).containsExactly("INVESTMENT", "REVERSAL");
        assertThat(i3.at("/reversals/0/reason").asText()).isEqualTo("项目编号录错");
        JsonNode p3 = get("/api/seed/projects/P3?asOf=" + AS_OF);
        assertThat(p3.get("investedFen").asLong()).isZero();
        assertThat(p3.get("investments").findValuesAsText("status")).containsExactly("REVERSED");
        JsonNode p1 = get("/api/seed/projects/P1?asOf=" + AS_OF);
        assertThat(p1.get("investedFen").asLong()).isEqualTo(75 * WAN);
        assertThat(p1.get("roomUnderCapFen").asLong()).isEqualTo(125 * WAN); // the 200万 cap from 2024-10-27
        assertThat(p1.at("/rounds/0/reversal/reason").asText()).isEqualTo("估值录错");
        JsonNode i6 = get("/api/seed/investments/I6?asOf=" + AS_OF);
        assertThat(i6.at("/exit/exitId").asText()).isEqualTo("X6-C");
        assertThat(i6.get("reversals").findValuesAsText("factId")).containsExactly("X6");
        JsonNode rounds = get("/api/seed/follow-on-rounds?asOf=" + AS_OF);
        assertThat(rounds.findValuesAsText("roundId")).containsExactly("FR1", "FR3");
        assertThat(rounds.get(1).get("reversal").isNull()).isTrue();
    }

    @Test
    void replayingTheHistoryGivesTheSameReadModel() {
        Answer answer = api.get("auditor", "/api/audit/verify");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("projectionsMatch").asBoolean()).as(answer.body()).isTrue();
        assertThat(answer.json().get("chainValid").asBoolean()).isTrue();
    }

    // ------------------------------------------------------------ explanations

    @Test
    void explainingAFigureListsTheOriginalAndItsReversal() {
        JsonNode invested = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=investedFen&asOf=" + AS_OF);
        List<String> facts = new java.util.ArrayList<>();
        long sum = 0;
        for (JsonNode part : invested.get("parts")) {
            facts.add(part.get("kind").asText() + " " + part.get("factId").asText() + " "
                    + part.get("amount").asLong() / WAN);
            sum += part.get("amount").asLong();
        }
        assertThat(facts).containsExactly("INVESTMENT I0 10", "INVESTMENT I1 50", "INVESTMENT I3 30",
                "REVERSAL I3 -30", "INVESTMENT I3-C 25", "INVESTMENT I6 20");
        assertThat(sum).isEqualTo(invested.get("value").asLong()).isEqualTo(
                row(report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF), "GX").get("investedFen").asLong());
        JsonNode proceeds = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=proceedsFen&asOf=" + AS_OF);
        assertThat(proceeds.get("parts").findValuesAsText("kind")).containsExactly("EXIT", "REVERSAL", "EXIT");
        assertThat(proceeds.get("value").asLong()).isEqualTo(35 * WAN);
        JsonNode projects = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=projects&asOf=" + AS_OF);
        assertThat(projects.get("parts").findValuesAsText("projectId")).containsExactly("P7", "P1", "P6");
        JsonNode projectsThen = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=projects&asOf=" + AS_OF
                + "&recordedAt=" + before);
        assertThat(projectsThen.get("parts").findValuesAsText("projectId")).containsExactly("P1", "P3", "P6");
    }

    @Test
    void everyFigureOfEveryReportIsExplainedAfterTheCorrections() {
        SeedExplainChecks checks = new SeedExplainChecks(api);
        for (String query : List.of(AS_OF, AS_OF + "&recordedAt=" + before)) {
            checks.portfolio("fund", query);
            checks.portfolio("year", query);
            checks.targets(query);
            checks.book(query, "");
        }
        checks.portfolio("fund", "2019-12-31&recordedAt=" + corrected);
    }

    // ------------------------------------------------------------ helpers

    private Answer correct(String kind, String factId, String reason, Map<String, Object> replacement) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "factId", factId, "reason", reason));
        if (replacement != null) {
            body.put("replacement", replacement);
        }
        return api.post("operator", "/api/seed/corrections", body);
    }

    private Answer fund(String id, String committed, String on) {
        return api.post("operator", "/api/seed/funds", Map.of("fundId", id, "name", id + "种子基金", "partner",
                id + "合伙人", "committed", committed, "establishedOn", on));
    }

    private static Map<String, Object> equity(String id, String fund, String project, String amount, int pct,
                                              String date) {
        Map<String, Object> body = new HashMap<>(Map.of("investmentId", id, "fundId", fund, "projectId", project,
                "enterpriseName", "项目公司" + project, "instrument", "equity", "amount", amount, "equityPct", pct));
        body.put("investedOn", date);
        return body;
    }

    private static Map<String, Object> loan(String id, String fund, String project, String amount, String date) {
        Map<String, Object> body = new HashMap<>(Map.of("investmentId", id, "fundId", fund, "projectId", project,
                "enterpriseName", "项目公司" + project, "instrument", "loan", "amount", amount, "equityPct", ""));
        body.put("investedOn", date);
        return body;
    }

    private Answer exit(String investment, String id, String route, String proceeds, String date) {
        return api.post("operator", "/api/seed/investments/" + investment + "/exit", Map.of("exitId", id,
                "route", route, "proceeds", proceeds, "exitedOn", date));
    }

    private Answer round(String id, String project, String amount, String postMoney, String date) {
        return api.post("operator", "/api/seed/follow-on-rounds", Map.of("roundId", id, "projectId", project,
                "investor", "某天使投资", "amount", amount, "postMoney", postMoney, "closedOn", date));
    }

    private JsonNode report(String path) {
        return get(path);
    }

    private JsonNode get(String path) {
        Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
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

    /** The investment ids of the book's rows (not those its rows' reversals name). */
    private static List<String> ids(JsonNode book) {
        List<String> ids = new java.util.ArrayList<>();
        book.get("rows").forEach(row -> ids.add(row.get("investmentId").asText()));
        return ids;
    }

    private static JsonNode bookRow(JsonNode book, String investmentId) {
        for (JsonNode row : book.get("rows")) {
            if (row.get("investmentId").asText().equals(investmentId)) {
                return row;
            }
        }
        throw new AssertionError("no row " + investmentId + " in " + book);
    }

    private static void assertFigures(JsonNode row, Map<String, Long> expected) {
        expected.forEach((field, value) -> assertThat(row.get(field).asLong()).as(row.get("key") + " " + field)
                .isEqualTo(value));
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void theStandaloneVerifierRecomputesTheCorrectedTotals(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        cn.cq.fundledger.support.ExportCheck.verifierAgreesWithTotals(api, AS_OF, dir);
    }

}
