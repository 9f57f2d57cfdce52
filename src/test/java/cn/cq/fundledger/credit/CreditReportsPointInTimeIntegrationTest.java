package cn.cq.fundledger.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The credit reports as the ledger said them at an instant, and after a correction still adding up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:credit-reports-pit;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditReportsPointInTimeIntegrationTest {

    @Autowired
    TestRestTemplate http;

    LedgerApi api;
    Instant beforeBackDatedFacts;

    @BeforeAll
    void recordThenBackDate() {
        api = new LedgerApi(http);
        ok(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "80")));
        ok(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行")));
        for (String e : new String[]{"E1", "E2"}) {
            ok(api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", e, "enterpriseName", "企业" + e,
                    "district", "渝北区", "grade", "A", "evaluatedOn", "2022-01-05")));
        }
        ok(api.post("operator", "/api/credit/pool-contributions", Map.of("contributionId", "C1", "district", "渝北区",
                "source", "city", "amount", "100万", "contributedOn", "2022-01-01")));
        ok(loan("L1", "E1", "2022-06-01"));
        ok(api.post("operator", "/api/credit/loans/L1/repayments", Map.of("repaymentId", "R1", "principal", "40万",
                "interest", "1万", "paidOn", "2022-09-01")));
        beforeBackDatedFacts = Instant.now();
        ok(loan("L0", "E2", "2022-02-01"));
        ok(api.post("operator", "/api/credit/pool-contributions", Map.of("contributionId", "C0", "district", "渝北区",
                "source", "district", "amount", "60万", "contributedOn", "2022-01-02")));
        ok(api.post("operator", "/api/credit/corrections", Map.of("kind", "repayment", "factId", "R1",
                "reason", "银行重复报送")));
    }

    @Test
    void thePortfolioAsTheLedgerSaidIt() {
        JsonNode now = report("/api/reports/credit/portfolio/bank?asOf=2022-12-31");
        assertThat(now.at("/total/loans").asLong()).isEqualTo(2);
        assertThat(now.at("/total/outstandingFen").asLong()).isEqualTo(200_000_000L); // R1 reversed
        JsonNode then = report("/api/reports/credit/portfolio/bank?asOf=2022-12-31&recordedAt=" + beforeBackDatedFacts);
        assertThat(then.at("/total/loans").asLong()).isEqualTo(1);
        assertThat(then.at("/total/outstandingFen").asLong()).isEqualTo(60_000_000L);
    }

    @Test
    void breakdownsStillAddUpToTheTotalsAfterACorrection() {
        JsonNode totals = api.totals("2022-12-31").get("creditLoans");
        for (String by : new String[]{"year", "district", "bank"}) {
            JsonNode report = report("/api/reports/credit/portfolio/" + by + "?asOf=2022-12-31");
            assertThat(report.at("/total/outstandingFen").asLong()).as(by)
                    .isEqualTo(totals.get("outstandingFen").asLong());
            assertThat(report.at("/total/issuedFen").asLong()).as(by).isEqualTo(totals.get("issuedFen").asLong());
        }
    }

    @Test
    void thePoolsAndTheLoanBookAsTheLedgerSaidThem() {
        assertThat(report("/api/reports/credit/pools?asOf=2022-12-31").at("/total/contributedFen").asLong())
                .isEqualTo(160_000_000L);
        JsonNode pools = report("/api/reports/credit/pools?asOf=2022-12-31&recordedAt=" + beforeBackDatedFacts);
        assertThat(pools.at("/total/contributedFen").asLong()).isEqualTo(100_000_000L);
        assertThat(pools.at("/total/contributedByDistrictFen").asLong()).isZero();
        JsonNode book = report("/api/reports/credit/loan-book?asOf=2022-12-31&recordedAt=" + beforeBackDatedFacts);
        assertThat(book.get("rows").findValuesAsText("loanId")).containsExactly("L1");
        assertThat(book.at("/rows/0/outstandingFen").asLong()).isEqualTo(60_000_000L);
        assertThat(report("/api/reports/credit/loan-book?asOf=2022-12-31").get("rows").findValuesAsText("loanId"))
                .containsExactly("L0", "L1");
    }

    @Test
    void aRecordedAtInTheFutureIsRefused() {
        LedgerApi.Answer answer = api.get("finance", "/api/reports/credit/pools?recordedAt="
                + Instant.now().plusSeconds(600));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("recordedAt");
    }

    private JsonNode report(String path) {
        LedgerApi.Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private LedgerApi.Answer loan(String id, String enterprise, String date) {
        Map<String, String> body = new HashMap<>(Map.of("loanId", id, "bankId", "B1", "enterpriseId", enterprise,
                "district", "渝北区", "principal", "100万", "annualRatePct", "3.45", "termMonths", "12"));
        body.put("issuedOn", date);
        return api.post("operator", "/api/credit/loans", body);
    }

    private static void ok(LedgerApi.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
