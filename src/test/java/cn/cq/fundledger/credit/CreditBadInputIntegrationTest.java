package cn.cq.fundledger.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every refused command answers 4xx problem+json naming the field and the rule, and writes no event. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:credit-bad-input;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditBadInputIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    LedgerApi api;
    EventStoreProbe store;
    long recorded;

    @BeforeAll
    void setUp() {
        api = new LedgerApi(http);
        store = new EventStoreProbe(jdbc);
        assertThat(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01",
                "fundSharePct", "80")).status()).isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行")).status())
                .isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", "E1", "enterpriseName", "企业1",
                "district", "渝北区", "grade", "D", "evaluatedOn", "2023-01-10")).status()).isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/loans", loan(Map.of())).status()).isEqualTo(201);
        recorded = store.count();
    }

    @Test
    void anUnknownBank() {
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X1", "bankId", "NOPE"))), 422,
                "bankId", "unknown-bank");
    }

    @Test
    void anUnknownEnterprise() {
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X2", "enterpriseId", "NOPE"))), 422,
                "enterpriseId", "unknown-enterprise");
    }

    @Test
    void anExpiredGrade() {
        // evaluated 2023-01-10: valid through 2024-01-09
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X3", "issuedOn", "2024-01-10"))), 422,
                "issuedOn", "no-valid-grade");
    }

    @Test
    void overTheCreditLine() {
        // grade D: line 160万, L1 owes 100万
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X4", "principal", "60.01万"))), 422,
                "principal", "credit-line-exceeded");
    }

    @Test
    void anAmountOfZeroOrLess() {
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X5", "principal", "0"))), 400,
                "principal", "amount-positive");
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X5", "principal", "-5"))), 400,
                "principal", "amount-positive");
    }

    @Test
    void anAmountWithThreeDecimals() {
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X6", "principal", "1000.005"))), 400,
                "principal", "amount-format");
    }

    @Test
    void aTermOverTwelveMonths() {
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X7", "termMonths", "13"))), 400,
                "termMonths", "term-range");
    }

    @Test
    void aRepaymentAboveTheOutstandingPrincipal() {
        refused(api.post("operator", "/api/credit/loans/L1/repayments", Map.of("repaymentId", "R9",
                "principal", "100.01万", "interest", "0", "paidOn", "2023-05-01")), 422, "principal",
                "repayment-exceeds-outstanding");
    }

    @Test
    void aClaimOnALoanNotInDefault() {
        refused(api.post("operator", "/api/credit/loans/L1/claims", Map.of("claimId", "K9", "claimedOn", "2023-06-01")),
                422, "loanId", "loan-not-in-default");
    }

    @Test
    void aRecoveryBeforeCompensation() {
        refused(api.post("operator", "/api/credit/loans/L1/recoveries", Map.of("recoveryId", "V9", "amount", "1万",
                "recoveredOn", "2023-06-01")), 422, "loanId", "recovery-before-compensation");
    }

    @Test
    void aDuplicateIdWithDifferentContent() {
        refused(api.post("operator", "/api/credit/loans", loan(Map.of("principal", "99万"))), 409, "loanId",
                "id-conflict");
    }

    @Test
    void anUnknownLoan() {
        refused(api.post("operator", "/api/credit/loans/NOPE/repayments", Map.of("repaymentId", "R8",
                "principal", "1", "interest", "0", "paidOn", "2023-05-01")), 404, "loanId", "unknown-loan");
    }

    @Test
    void aBodyThatIsNotJson() {
        long before = store.count();
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator");
        headers.setContentType(MediaType.APPLICATION_JSON);
        var response = http.exchange("/api/credit/loans", HttpMethod.POST, new HttpEntity<>("{not json", headers),
                String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        Answer answer = api.post("operator", "/api/credit/loans", loan(Map.of("loanId", "X8", "principal", "abc",
                "annualRatePct", "x", "issuedOn", "2023-02-30")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("principal", "annualRatePct", "issuedOn");
    }

    private void refused(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.json().get("rule").asText()).isEqualTo(rule);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(store.count()).as("events after a refusal").isEqualTo(recorded);
    }

    private static Map<String, String> loan(Map<String, String> changes) {
        Map<String, String> loan = new HashMap<>(Map.of("loanId", "L1", "bankId", "B1", "enterpriseId", "E1",
                "district", "渝北区", "principal", "100万", "annualRatePct", "3.65", "termMonths", "12",
                "issuedOn", "2023-02-01"));
        loan.putAll(changes);
        return loan;
    }
}
