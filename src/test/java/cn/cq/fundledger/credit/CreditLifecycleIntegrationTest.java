package cn.cq.fundledger.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * Drives the REST API through a loan book's life: issue → repay → default → claim (one paid at once, one
 * waiting until contributions cover it) → recovery, and checks every field of /api/totals as of several
 * dates against figures computed by hand below.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:credit-lifecycle;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CreditLifecycleIntegrationTest {

    private static final long WAN = 1_000_000L; // 1万 yuan in fen

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    LedgerApi api;
    EventStoreProbe store;

    @BeforeAll
    void recordHistory() {
        api = new LedgerApi(http);
        store = new EventStoreProbe(jdbc);
        created(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "80")));
        created(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行")));
        created(evaluation("E1", "A", "渝北区"));
        created(evaluation("E2", "B", "渝北区"));
        created(evaluation("E3", "C", "江津区"));
        created(contribution("C1", "渝北区", "city", "200万", "2023-01-10"));
        created(loan("L1", "E1", "渝北区", "300万", "2023-02-01"));
        created(loan("L2", "E2", "渝北区", "200万", "2023-03-01"));
        created(loan("L3", "E3", "江津区", "100万", "2023-03-15"));
        created(repayment("L2", "R2", "50万", "3万", "2023-06-01"));
        created(repayment("L3", "R3", "20万", "1万", "2023-06-15"));
        created(repayment("L1", "R1", "300万", "10万", "2023-08-01"));
        created(api.post("operator", "/api/credit/loans/L2/default",
                Map.of("overdueSince", "2023-09-01", "declaredOn", "2023-10-01")));
        created(api.post("operator", "/api/credit/loans/L3/default",
                Map.of("overdueSince", "2023-09-15", "declaredOn", "2023-10-15")));
        // 渝北区 holds 200万: K2 (80% of 150万 = 120万) is paid at once.
        created(api.post("operator", "/api/credit/loans/L2/claims", Map.of("claimId", "K2", "claimedOn", "2023-10-20")));
        // 江津区 holds nothing: K3 (80% of 80万 = 64万) waits.
        created(api.post("operator", "/api/credit/loans/L3/claims", Map.of("claimId", "K3", "claimedOn", "2023-10-25")));
        created(contribution("C2", "江津区", "district", "50万", "2023-11-10")); // 50万 < 64万: still waiting
        created(contribution("C3", "江津区", "city", "20万", "2023-12-05"));     // 70万: K3 paid on 2023-12-05
        created(api.post("operator", "/api/credit/loans/L2/recoveries",
                Map.of("recoveryId", "V2", "amount", "10万", "recoveredOn", "2024-01-15"))); // pool 8万, bank 2万
    }

    @Test
    @Order(1)
    void beforeAnyLoanEverythingReadsZero() {
        JsonNode t = api.totals("2022-12-31");
        assertCredit(t, 0, 0, 0, 0, 0, 0, 0);
        assertPools(t, 0, 0, 0, 0, 0);
        assertThat(t.at("/seedFund/projects").asLong()).isZero();
        assertThat(t.at("/seedFund/investedFen").asLong()).isZero();
        assertThat(t.at("/seedFund/invested").asText()).isEqualTo("0");
        assertThat(t.at("/equityFund/projects").asLong()).isZero();
        assertThat(t.at("/equityFund/investedFen").asLong()).isZero();
        assertThat(t.at("/guidedLoans/loans").asLong()).isZero();
        assertThat(t.at("/guidedLoans/issuedFen").asLong()).isZero();
        assertThat(t.at("/guidedLoans/issued").asText()).isEqualTo("0");
    }

    @Test
    @Order(2)
    void afterIssueAndFirstRepayments() {
        JsonNode t = api.totals("2023-07-01");
        assertThat(t.at("/asOf").asText()).isEqualTo("2023-07-01");
        // issued 300万 + 200万 + 100万; outstanding 300万 + 150万 + 80万
        assertCredit(t, 3, 3, 600 * WAN, 530 * WAN, 0, 0, 0);
        assertThat(t.at("/creditLoans/issued").asText()).isEqualTo("600万");
        assertPools(t, 200 * WAN, 0, 0, 200 * WAN, 0);
    }

    @Test
    @Order(3)
    void afterDefaultsOneClaimPaidOneWaiting() {
        JsonNode t = api.totals("2023-10-31");
        // L1 closed, L2 (150万) and L3 (80万) defaulted: nothing outstanding
        assertCredit(t, 3, 3, 600 * WAN, 0, 230 * WAN, 120 * WAN, 0);
        assertPools(t, 200 * WAN, 120 * WAN, 0, 80 * WAN, 64 * WAN);
    }

    @Test
    @Order(4)
    void aContributionTooSmallLeavesTheClaimWaiting() {
        JsonNode t = api.totals("2023-11-30");
        assertCredit(t, 3, 3, 600 * WAN, 0, 230 * WAN, 120 * WAN, 0);
        assertPools(t, 250 * WAN, 120 * WAN, 0, 130 * WAN, 64 * WAN);
    }

    @Test
    @Order(5)
    void theNextContributionPaysTheWaitingClaimOnItsOwnDate() {
        JsonNode dayBefore = api.totals("2023-12-04");
        assertThat(dayBefore.at("/riskPools/waitingClaimsFen").asLong()).isEqualTo(64 * WAN);
        JsonNode t = api.totals("2023-12-05");
        assertCredit(t, 3, 3, 600 * WAN, 0, 230 * WAN, 184 * WAN, 0);
        assertPools(t, 270 * WAN, 184 * WAN, 0, 86 * WAN, 0);
        Answer claims = api.get("finance", "/api/credit/pools/江津区/claims?asOf=2023-12-31");
        assertThat(claims.json().get(0).get("paidOn").asText()).isEqualTo("2023-12-05");
    }

    @Test
    @Order(6)
    void aRecoveryIsSharedInTheLoansRatio() {
        JsonNode t = api.totals("2024-01-31");
        // recovered 10万: the pool's 80% (8万) goes back into 渝北区's pool; defaulted principal is unchanged
        assertCredit(t, 3, 3, 600 * WAN, 0, 230 * WAN, 184 * WAN, 10 * WAN);
        assertPools(t, 270 * WAN, 184 * WAN, 8 * WAN, 94 * WAN, 0);
        Answer pools = api.get("finance", "/api/credit/pools?asOf=2024-01-31");
        assertThat(pools.json().findValuesAsText("district")).containsExactly("江津区", "渝北区");
        long sum = 0;
        for (JsonNode pool : pools.json()) {
            sum += pool.get("balanceFen").asLong();
        }
        assertThat(sum).isEqualTo(94 * WAN);
    }

    @Test
    @Order(7)
    void aLoanShowsItsStateAsOfADate() {
        JsonNode early = api.get("operator", "/api/credit/loans/L2?asOf=2023-07-01").json();
        assertThat(early.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(early.get("outstandingFen").asLong()).isEqualTo(150 * WAN);
        assertThat(early.get("fundShareBp").asInt()).isEqualTo(8000);
        JsonNode late = api.get("operator", "/api/credit/loans/L2?asOf=2024-12-31").json();
        assertThat(late.get("status").asText()).isEqualTo("DEFAULTED");
        assertThat(late.get("compensatedFen").asLong()).isEqualTo(120 * WAN);
        assertThat(late.get("recoveredFen").asLong()).isEqualTo(10 * WAN);
        assertThat(late.get("poolRecoveredFen").asLong()).isEqualTo(8 * WAN);
        assertThat(late.get("interestPaidFen").asLong()).isEqualTo(3 * WAN);
        assertThat(late.get("movements")).extracting(m -> m.get("kind").asText())
                .containsExactly("LOAN_ISSUED", "REPAYMENT", "DEFAULT", "CLAIM", "COMPENSATION", "RECOVERY");
        assertThat(api.get("operator", "/api/credit/loans/L1?asOf=2023-12-31").json().get("status").asText())
                .isEqualTo("CLOSED");
        assertThat(api.get("operator", "/api/credit/loans/NOPE").status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void everyEventCarriesTheUserAndACorrelationId() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> metadata = jdbc.queryForList("SELECT metaData FROM DomainEventEntry", byte[].class);
        assertThat(metadata).isNotEmpty();
        for (byte[] bytes : metadata) {
            JsonNode meta = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            assertThat(meta.path("user").asText()).isIn("operator", "admin");
            assertThat(meta.path("correlationId").asText()).isNotBlank();
        }
        List<String> policyUsers = jdbc.queryForList("SELECT DISTINCT metaData FROM DomainEventEntry "
                + "WHERE payloadType LIKE '%RiskSharingRatioSet'", byte[].class).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertThat(policyUsers).singleElement().asString().contains("\"user\":\"admin\"");
        Answer versions = api.get("finance", "/api/credit/risk-sharing");
        assertThat(versions.json().get(0).get("recordedBy").asText()).isEqualTo("admin");
    }

    @Test
    @Order(9)
    void reSendingTheSameFactIsAnsweredAsADuplicateAndRecordsNothing() {
        long before = store.count();
        Answer again = loan("L1", "E1", "渝北区", "300万", "2023-02-01");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        Answer other = loan("L1", "E1", "渝北区", "301万", "2023-02-01");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().get("field").asText()).isEqualTo("loanId");
        assertThat(store.count()).isEqualTo(before);
    }

    private Answer evaluation(String id, String grade, String district) {
        return api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", id, "enterpriseName", "企业" + id,
                "district", district, "grade", grade, "evaluatedOn", "2023-01-05"));
    }

    private Answer contribution(String id, String district, String source, String amount, String date) {
        return api.post("operator", "/api/credit/pool-contributions", Map.of("contributionId", id, "district", district,
                "source", source, "amount", amount, "contributedOn", date));
    }

    private Answer loan(String id, String enterprise, String district, String principal, String date) {
        return api.post("operator", "/api/credit/loans", Map.of("loanId", id, "bankId", "B1", "enterpriseId", enterprise,
                "district", district, "principal", principal, "annualRatePct", "3.65", "termMonths", "12",
                "issuedOn", date));
    }

    private Answer repayment(String loan, String id, String principal, String interest, String date) {
        return api.post("operator", "/api/credit/loans/" + loan + "/repayments", Map.of("repaymentId", id,
                "principal", principal, "interest", interest, "paidOn", date));
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static void assertCredit(JsonNode t, long loans, long enterprises, long issued, long outstanding,
                                     long defaulted, long compensated, long recovered) {
        JsonNode c = t.get("creditLoans");
        assertThat(c.get("loans").asLong()).as("loans").isEqualTo(loans);
        assertThat(c.get("enterprises").asLong()).as("enterprises").isEqualTo(enterprises);
        assertThat(c.get("issuedFen").asLong()).as("issuedFen").isEqualTo(issued);
        assertThat(c.get("outstandingFen").asLong()).as("outstandingFen").isEqualTo(outstanding);
        assertThat(c.get("defaultedFen").asLong()).as("defaultedFen").isEqualTo(defaulted);
        assertThat(c.get("compensatedFen").asLong()).as("compensatedFen").isEqualTo(compensated);
        assertThat(c.get("recoveredFen").asLong()).as("recoveredFen").isEqualTo(recovered);
    }

    private static void assertPools(JsonNode t, long contributed, long compensated, long recovered, long balance,
                                    long waiting) {
        JsonNode p = t.get("riskPools");
        assertThat(p.get("contributedFen").asLong()).as("contributedFen").isEqualTo(contributed);
        assertThat(p.get("compensatedFen").asLong()).as("pool compensatedFen").isEqualTo(compensated);
        assertThat(p.get("recoveredFen").asLong()).as("pool recoveredFen").isEqualTo(recovered);
        assertThat(p.get("balanceFen").asLong()).as("balanceFen").isEqualTo(balance);
        assertThat(p.get("waitingClaimsFen").asLong()).as("waitingClaimsFen").isEqualTo(waiting);
    }
}
