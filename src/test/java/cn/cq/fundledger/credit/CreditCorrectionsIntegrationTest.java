package cn.cq.fundledger.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.ExportCheck;
import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Corrections of credit facts over HTTP: a wrongly recorded loan reversed with its corrected fact in one command,
 * another reversed alone, a recovery reversed; refusals write nothing; totals, reports, the loan book, the
 * explanations, the history and the standalone verifier all reflect the corrections, and {@code recordedAt}
 * still shows what the ledger said before them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:credit-corrections;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditCorrectionsIntegrationTest {

    private static final String AS_OF = "2024-12-31";
    private static final long WAN = 1_000_000L; // fen

    @Autowired
    TestRestTemplate http;

    LedgerApi api;
    Instant beforeCorrections;

    @BeforeAll
    void recordAHistoryAndCorrectIt() {
        api = new LedgerApi(http);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("banks.csv", "bank_id,name\nB1,重庆银行\nB2,重庆农村商业银行\n");
        files.put("risk-sharing.csv", "effective_from,fund_share_pct,bank_id\n2017-01-01,80,\n");
        files.put("evaluations.csv", "enterprise_id,enterprise_name,district,grade,evaluated_on\n"
                + "E1,企业1,渝北区,A,2023-01-10\nE2,企业2,渝北区,A,2023-01-10\nE3,企业3,渝北区,A,2023-01-10\n"
                + "E4,企业4,渝北区,A,2023-01-10\n");
        files.put("pool-contributions.csv", "contribution_id,district,source,amount_yuan,contributed_on\n"
                + "C1,渝北区,city,100万,2023-01-01\n");
        files.put("loans.csv", "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,term_months,issued_on\n"
                + "L1,B1,E1,渝北区,100万,3.45,12,2023-02-01\nL2,B1,E2,渝北区,50万,3.45,12,2023-03-01\n"
                + "L4,B1,E4,渝北区,30万,3.45,12,2023-03-05\nL3,B2,E3,渝北区,20万,3.45,12,2023-04-01\n");
        files.put("defaults.csv", "loan_id,overdue_since,declared_on\nL3,2023-08-01,2023-09-01\n");
        files.put("compensations.csv", "claim_id,loan_id,claimed_on\nK3,L3,2023-09-10\n");
        files.put("recoveries.csv", "recovery_id,loan_id,amount_yuan,recovered_on\nV3,L3,5万,2023-10-01\n");
        api.importBundle(files); // L3's default suspends B2 (the fuse): the corrections are made at B1
        beforeCorrections = Instant.now();

        // refusals first: each writes nothing
        assertThat(correct(Map.of("kind", "loan", "factId", "L2", "reason", " ")).status()).isEqualTo(400);
        assertThat(correct(Map.of("kind", "loan", "factId", "L99", "reason", "错误")).status()).isEqualTo(404);
        LedgerApi.Answer laterFacts = correct(Map.of("kind", "loan", "factId", "L3", "reason", "错误"));
        assertThat(laterFacts.status()).isEqualTo(422);
        assertThat(laterFacts.json().get("rule").asText()).isEqualTo("reverse-later-facts-first");
        LedgerApi.Answer unknownField = correct(Map.of("kind", "loan", "factId", "L2", "reason", "错误",
                "replacement", Map.of("loanId", "L2-C", "principle", "40万")));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body()).contains("replacement.principle");
        // the corrected fact breaks a rule: neither it nor the reversal is recorded
        LedgerApi.Answer badReplacement = correct(Map.of("kind", "loan", "factId", "L2", "reason", "第一次尝试",
                "replacement", replacementOfL2("B9")));
        assertThat(badReplacement.status()).as(badReplacement.body()).isEqualTo(422);
        assertThat(badReplacement.json().get("field").asText()).isEqualTo("replacement.bankId");

        // the corrections: another reason than the refused attempt, so a reversal left behind by it would be a 409
        LedgerApi.Answer corrected = correct(Map.of("kind", "loan", "factId", "L2", "reason", "金额录入错误",
                "replacement", replacementOfL2("B1")));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(correct(Map.of("kind", "loan", "factId", "L4", "reason", "重复录入")).status()).isEqualTo(201);
        assertThat(correct(Map.of("kind", "recovery", "factId", "V3", "reason", "回收款未到账")).status())
                .isEqualTo(201);
    }

    private static Map<String, Object> replacementOfL2(String bankId) {
        Map<String, Object> loan = new HashMap<>();
        loan.put("loanId", "L2-C");
        loan.put("bankId", bankId);
        loan.put("enterpriseId", "E2");
        loan.put("district", "渝北区");
        loan.put("principal", "40万");
        loan.put("annualRatePct", "3.45");
        loan.put("termMonths", "12");
        loan.put("issuedOn", "2023-03-01");
        return loan;
    }

    private LedgerApi.Answer correct(Map<String, ?> body) {
        return api.post("operator", "/api/credit/corrections", body);
    }

    @Test
    void totalsNetOutTheReversedFactsAndRecordedAtShowsTheLedgerBefore() {
        JsonNode now = api.totals(AS_OF).get("creditLoans");
        assertThat(now.get("loans").asLong()).isEqualTo(3); // L1, L2-C, L3
        assertThat(now.get("enterprises").asLong()).isEqualTo(3); // E4 borrowed only the reversed L4
        assertThat(now.get("issuedFen").asLong()).isEqualTo(160 * WAN);
        assertThat(now.get("recoveredFen").asLong()).isZero();

        JsonNode before = api.totals(AS_OF + "&recordedAt=" + beforeCorrections).get("creditLoans");
        assertThat(before.get("loans").asLong()).isEqualTo(4);
        assertThat(before.get("enterprises").asLong()).isEqualTo(4);
        assertThat(before.get("issuedFen").asLong()).isEqualTo(200 * WAN);
        assertThat(before.get("recoveredFen").asLong()).isEqualTo(5 * WAN);
        // the reversals keep the facts' own dates: before L4's date E4 never counted, from it on it counts no more
        assertThat(api.totals("2023-03-04").at("/creditLoans/enterprises").asLong()).isEqualTo(2);
        assertThat(api.totals("2023-03-05").at("/creditLoans/enterprises").asLong()).isEqualTo(2);
    }

    @Test
    void theSameCorrectionAgainIsADuplicateAndAnotherReasonAConflict() {
        LedgerApi.Answer again = correct(Map.of("kind", "loan", "factId", "L4", "reason", "重复录入"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(correct(Map.of("kind", "loan", "factId", "L4", "reason", "另一个理由")).status()).isEqualTo(409);
        // re-sending the reversed loan's own row does not bring it back
        api.importBundle(Map.of("loans.csv", "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,"
                + "term_months,issued_on\nL4,B1,E4,渝北区,30万,3.45,12,2023-03-05\n"));
        assertThat(api.totals(AS_OF).at("/creditLoans/loans").asLong()).isEqualTo(3);
    }

    @Test
    void theHistoryAndTheLoanShowTheReversalLinkedToTheOriginalAndItsReplacement() {
        JsonNode issuedL2 = null;
        for (JsonNode event : api.get("auditor", "/api/audit/events?type=LoanIssued&size=100").json().get("events")) {
            if ("L2".equals(event.at("/payload/loanId").asText())) {
                issuedL2 = event;
            }
        }
        assertThat(issuedL2).isNotNull();
        JsonNode loan = api.get("auditor", "/api/credit/loans/L2?asOf=" + AS_OF).json();
        assertThat(loan.get("status").asText()).isEqualTo("REVERSED");
        JsonNode correction = loan.get("corrections").get(0);
        assertThat(correction.get("reversesEventId").asText()).isEqualTo(issuedL2.get("eventId").asText());
        assertThat(correction.get("replacedBy").asText()).isEqualTo("L2-C");
        assertThat(correction.get("reason").asText()).isEqualTo("金额录入错误");
        assertThat(correction.get("recordedBy").asText()).isEqualTo("operator");
        assertThat(api.get("auditor", "/api/credit/loans/L2-C?asOf=" + AS_OF).json().get("principalFen").asLong())
                .isEqualTo(40 * WAN);

        JsonNode corrections = api.get("auditor", "/api/credit/corrections").json();
        assertThat(corrections.findValuesAsText("factId")).containsExactly("L2", "L4", "V3");
        assertThat(api.get("auditor", "/api/credit/corrections?kind=recovery").json().findValuesAsText("factId"))
                .containsExactly("V3");
        assertThat(api.get("auditor", "/api/credit/corrections?kind=nothing").status()).isEqualTo(400);
    }

    @Test
    void reportsAndTheLoanBookReflectTheCorrections() {
        JsonNode portfolio = api.get("finance", "/api/reports/credit/portfolio/district?asOf=" + AS_OF).json();
        JsonNode row = portfolio.get("rows").get(0);
        assertThat(row.get("key").asText()).isEqualTo("渝北区");
        assertThat(row.get("loans").asLong()).isEqualTo(3);
        assertThat(row.get("enterprises").asLong()).isEqualTo(3);
        assertThat(row.get("issuedFen").asLong()).isEqualTo(160 * WAN);
        assertThat(portfolio.at("/total/enterprises").asLong()).isEqualTo(3);
        JsonNode thenRow = api.get("finance", "/api/reports/credit/portfolio/district?asOf=" + AS_OF + "&recordedAt="
                + beforeCorrections).json().get("rows").get(0);
        assertThat(thenRow.get("enterprises").asLong()).isEqualTo(4);

        JsonNode book = api.get("finance", "/api/reports/credit/loan-book?asOf=" + AS_OF).json();
        Map<String, String> status = new HashMap<>();
        book.get("rows").forEach(r -> status.put(r.get("loanId").asText(), r.get("status").asText()));
        assertThat(status).containsEntry("L2", "REVERSED").containsEntry("L4", "REVERSED")
                .containsEntry("L2-C", "ACTIVE").containsEntry("L3", "DEFAULTED");
        assertThat(book.at("/sums/principalFen").asLong()).isEqualTo(160 * WAN);
        JsonNode pools = api.get("finance", "/api/reports/credit/pools?asOf=" + AS_OF).json();
        assertThat(pools.at("/total/recoveredFen").asLong()).isZero();
    }

    @Test
    void everyFigureOfTheCreditReportsIsExplainedAndAddsUp() {
        for (String recordedAt : new String[]{"", "&recordedAt=" + beforeCorrections}) {
            JsonNode row = api.get("finance", "/api/reports/credit/portfolio/district?asOf=" + AS_OF + recordedAt).json()
                    .get("rows").get(0);
            for (String figure : List.of("loans", "enterprises", "issuedFen", "outstandingFen", "defaultedFen",
                    "compensatedFen", "recoveredFen")) {
                JsonNode explained = explain("/api/reports/credit/portfolio/district/explain?key=渝北区&figure=" + figure
                        + recordedAt);
                assertThat(explained.get("value").asLong()).as(figure).isEqualTo(row.get(figure).asLong());
                assertThat(sum(explained)).as(figure + recordedAt).isEqualTo(row.get(figure).asLong());
            }
            JsonNode loss = explain("/api/reports/credit/portfolio/district/explain?key=渝北区&figure=lossRateBp"
                    + recordedAt);
            assertThat(loss.get("value").asInt()).isEqualTo(row.get("lossRateBp").asInt());
            assertThat(explain("/api/reports/credit/portfolio/district/explain?key=渝北区&figure=lossRate" + recordedAt)
                    .get("value").asText()).isEqualTo(row.get("lossRate").asText());
            assertThat(loss.get("formula").asText()).contains("defaultedFen").contains("issuedFen");
            assertThat(loss.get("components").findValuesAsText("figure")).containsExactly("defaultedFen", "issuedFen");
            long defaulted = loss.at("/components/0/value").asLong();
            long issued = loss.at("/components/1/value").asLong();
            assertThat(defaulted * 10_000 / issued).isEqualTo(row.get("lossRateBp").asLong()); // 20万 of 160万 or 200万
        }
        // the counted enterprise E2 is counted through its corrected loan, not the reversed one
        JsonNode enterprises = explain("/api/reports/credit/portfolio/district/explain?key=渝北区&figure=enterprises");
        assertThat(enterprises.get("parts").findValuesAsText("factId")).containsExactly("L1", "L2-C", "L3");
        JsonNode loans = explain("/api/reports/credit/portfolio/district/explain?key=渝北区&figure=loans");
        assertThat(loans.get("parts").findValuesAsText("kind")).contains("REVERSAL");

        JsonNode pool = api.get("finance", "/api/reports/credit/pools?asOf=" + AS_OF).json().get("pools").get(0);
        JsonNode exposure = explain("/api/reports/credit/pools/渝北区/explain?figure=exposureFen");
        assertThat(sum(exposure)).isEqualTo(pool.get("exposureFen").asLong()).isPositive();
        assertThat(exposure.get("parts").findValuesAsText("factId")).containsExactly("L1", "L2-C");
        JsonNode coverage = explain("/api/reports/credit/pools/渝北区/explain?figure=coverage");
        assertThat(coverage.get("value").asText()).isEqualTo(pool.get("coverage").asText());
        assertThat(coverage.at("/components/0/value").asLong()).isEqualTo(pool.get("balanceFen").asLong());
        assertThat(coverage.at("/components/1/value").asLong()).isEqualTo(pool.get("exposureFen").asLong());
    }

    @Test
    void theTotalsExplanationsListTheReversalsAndAddUp() {
        JsonNode enterprises = explain("/api/totals/explain?figure=creditLoans.enterprises");
        assertThat(enterprises.get("value").asLong()).isEqualTo(3);
        assertThat(enterprises.get("parts").findValuesAsText("factId")).containsExactly("L1", "L2-C", "L3");
        JsonNode before = explain("/api/totals/explain?figure=creditLoans.enterprises&recordedAt=" + beforeCorrections);
        assertThat(before.get("parts").findValuesAsText("factId")).containsExactly("L1", "L2", "L4", "L3");
        JsonNode loans = explain("/api/totals/explain?figure=creditLoans.loans");
        assertThat(sum(loans)).isEqualTo(3);
        assertThat(loans.get("parts").findValuesAsText("kind")).containsOnly("LOAN_ISSUED", "REVERSAL");
    }

    @Test
    void theStandaloneVerifierRecomputesTheCorrectedTotals(@TempDir Path dir) throws Exception {
        assertThat(api.totals(AS_OF).at("/creditLoans/enterprises").asLong()).isEqualTo(3);
        ExportCheck.verifierAgreesWithTotals(api, AS_OF, dir);
    }

    private JsonNode explain(String path) {
        LedgerApi.Answer answer = api.get("auditor", path + (path.contains("asOf=") ? "" : "&asOf=" + AS_OF)
                + "&size=1000");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static long sum(JsonNode explanation) {
        long sum = 0;
        for (JsonNode part : explanation.get("parts")) {
            sum += part.get("amount").asLong();
        }
        return sum;
    }
}
