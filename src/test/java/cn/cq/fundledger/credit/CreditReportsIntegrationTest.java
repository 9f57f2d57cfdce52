package cn.cq.fundledger.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The finance staff's credit reports, checked against figures computed by hand from the history below,
 * and every breakdown summed against /api/totals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:credit-reports;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditReportsIntegrationTest {

    private static final long WAN = 1_000_000L;
    private static final String AS_OF = "2023-12-31";

    @Autowired
    TestRestTemplate http;

    LedgerApi api;

    @BeforeAll
    void recordHistory() {
        api = new LedgerApi(http);
        ok(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "80")));
        ok(api.post("admin", "/api/credit/fuse-thresholds", Map.of("effectiveFrom", "2017-01-01", "warningPct", "85",
                "suspensionPct", "90")));
        ok(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆农村商业银行")));
        ok(api.post("operator", "/api/credit/banks", Map.of("bankId", "B2", "name", "重庆银行")));
        ok(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2023-01-01", "fundSharePct", "60",
                "bankId", "B2")));
        for (String[] e : new String[][]{{"E1", "A", "渝北区"}, {"E2", "B", "江津区"}, {"E3", "C", "渝北区"},
                {"E4", "E", "江津区"}}) {
            for (String on : List.of("2022-01-05", "2023-01-05")) {
                ok(api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", e[0], "enterpriseName",
                        "企业" + e[0], "district", e[2], "grade", e[1], "evaluatedOn", on)));
            }
        }
        ok(contribution("C1", "渝北区", "city", "40万"));
        ok(contribution("C2", "渝北区", "district", "60万"));
        ok(contribution("C3", "江津区", "city", "80万"));
        ok(loan("L1", "B1", "E1", "渝北区", "200万", "2022-03-01"));
        ok(loan("L2", "B2", "E2", "江津区", "100万", "2022-06-01")); // 80%: before B2's own 60%
        ok(loan("L3", "B2", "E3", "渝北区", "150万", "2023-02-01")); // 60%
        ok(loan("L4", "B1", "E4", "江津区", "50万", "2023-03-01"));  // 80%
        ok(repay("L1", "R1", "200万", "2023-02-28"));
        ok(repay("L3", "R3", "50万", "2023-06-01"));
        ok(api.post("operator", "/api/credit/loans/L2/default", Map.of("overdueSince", "2022-12-01",
                "declaredOn", "2023-01-10")));
        ok(api.post("operator", "/api/credit/loans/L3/default", Map.of("overdueSince", "2023-08-01",
                "declaredOn", "2023-09-01")));
        ok(api.post("operator", "/api/credit/loans/L2/claims", Map.of("claimId", "K2", "claimedOn", "2023-01-20")));
        ok(api.post("operator", "/api/credit/loans/L3/claims", Map.of("claimId", "K3", "claimedOn", "2023-09-10")));
        ok(api.post("operator", "/api/credit/loans/L2/recoveries", Map.of("recoveryId", "V2", "amount", "10万",
                "recoveredOn", "2023-10-01")));
        ok(api.post("operator", "/api/credit/guided-loans", Map.of("loanId", "G1", "bankId", "B1", "enterpriseId", "E1",
                "district", "渝北区", "principal", "300万", "issuedOn", "2023-05-01")));
    }

    @Test
    void totalsOfTheHistory() {
        JsonNode t = api.totals(AS_OF);
        assertThat(t.at("/creditLoans/loans").asLong()).isEqualTo(4);
        assertThat(t.at("/creditLoans/enterprises").asLong()).isEqualTo(4);
        assertThat(t.at("/creditLoans/issuedFen").asLong()).isEqualTo(500 * WAN);
        assertThat(t.at("/creditLoans/outstandingFen").asLong()).isEqualTo(50 * WAN);
        assertThat(t.at("/creditLoans/defaultedFen").asLong()).isEqualTo(200 * WAN);
        // K2: 80% of 100万; K3: B2's own 60% of 100万
        assertThat(t.at("/creditLoans/compensatedFen").asLong()).isEqualTo(140 * WAN);
        assertThat(t.at("/creditLoans/recoveredFen").asLong()).isEqualTo(10 * WAN);
        assertThat(t.at("/guidedLoans/loans").asLong()).isEqualTo(1);
        assertThat(t.at("/guidedLoans/issuedFen").asLong()).isEqualTo(300 * WAN);
        assertThat(t.at("/guidedLoans/issued").asText()).isEqualTo("300万");
        assertThat(t.at("/riskPools/balanceFen").asLong()).isEqualTo(48 * WAN);
    }

    @Test
    void portfolioByBank() {
        JsonNode report = report("/api/reports/credit/portfolio/bank?asOf=" + AS_OF);
        JsonNode b1 = row(report, "B1");
        JsonNode b2 = row(report, "B2");
        assertRow(b1, 2, 2, 250 * WAN, 50 * WAN, 0, 0, 0, 0);
        assertRow(b2, 2, 2, 250 * WAN, 0, 200 * WAN, 140 * WAN, 10 * WAN, 8000);
        assertThat(b2.get("lossRate").asText()).isEqualTo("80.00%");
    }

    @Test
    void portfolioByYearOfIssue() {
        JsonNode report = report("/api/reports/credit/portfolio/year?asOf=" + AS_OF);
        assertRow(row(report, "2022"), 2, 2, 300 * WAN, 0, 100 * WAN, 80 * WAN, 10 * WAN, 3333);
        assertRow(row(report, "2023"), 2, 2, 200 * WAN, 50 * WAN, 100 * WAN, 60 * WAN, 0, 5000);
        JsonNode before = report("/api/reports/credit/portfolio/year?asOf=2022-12-31");
        assertThat(before.get("rows")).hasSize(1);
        assertRow(row(before, "2022"), 2, 2, 300 * WAN, 300 * WAN, 0, 0, 0, 0);
    }

    @Test
    void portfolioByDistrict() {
        JsonNode report = report("/api/reports/credit/portfolio/district?asOf=" + AS_OF);
        assertRow(row(report, "渝北区"), 2, 2, 350 * WAN, 0, 100 * WAN, 60 * WAN, 0, 2857);
        assertRow(row(report, "江津区"), 2, 2, 150 * WAN, 50 * WAN, 100 * WAN, 80 * WAN, 10 * WAN, 6667);
    }

    @ParameterizedTest
    @ValueSource(strings = {"year", "district", "bank"})
    void everyBreakdownSumsToTheTotals(String by) {
        for (String asOf : List.of("2022-06-30", "2023-01-31", AS_OF)) {
            JsonNode report = report("/api/reports/credit/portfolio/" + by + "?asOf=" + asOf);
            JsonNode totals = api.totals(asOf).get("creditLoans");
            for (String field : List.of("loans", "issuedFen", "outstandingFen", "defaultedFen", "compensatedFen",
                    "recoveredFen")) {
                long sum = 0;
                for (JsonNode row : report.get("rows")) {
                    sum += row.get(field).asLong();
                }
                assertThat(sum).as(by + " " + field + " " + asOf).isEqualTo(totals.get(field).asLong());
                assertThat(report.at("/total/" + field).asLong()).as("total " + field).isEqualTo(sum);
            }
            assertThat(report.at("/total/enterprises").asLong()).isEqualTo(totals.get("enterprises").asLong());
        }
    }

    @Test
    void districtPools() {
        JsonNode report = report("/api/reports/credit/pools?asOf=" + AS_OF);
        JsonNode yubei = pool(report, "渝北区");
        assertThat(yubei.get("contributedByCityFen").asLong()).isEqualTo(40 * WAN);
        assertThat(yubei.get("contributedByDistrictFen").asLong()).isEqualTo(60 * WAN);
        assertThat(yubei.get("compensatedFen").asLong()).isEqualTo(60 * WAN);
        assertThat(yubei.get("recoveredFen").asLong()).isZero();
        assertThat(yubei.get("balanceFen").asLong()).isEqualTo(40 * WAN);
        assertThat(yubei.get("exposureFen").asLong()).isZero();
        assertThat(yubei.get("coverage").isNull()).isTrue();
        JsonNode jiangjin = pool(report, "江津区");
        assertThat(jiangjin.get("contributedByCityFen").asLong()).isEqualTo(80 * WAN);
        assertThat(jiangjin.get("contributedByDistrictFen").asLong()).isZero();
        assertThat(jiangjin.get("compensatedFen").asLong()).isEqualTo(80 * WAN);
        assertThat(jiangjin.get("recoveredFen").asLong()).isEqualTo(8 * WAN);
        assertThat(jiangjin.get("balanceFen").asLong()).isEqualTo(8 * WAN);
        assertThat(jiangjin.get("waitingClaimsFen").asLong()).isZero();
        // L4: 80% of 50万 outstanding
        assertThat(jiangjin.get("exposureFen").asLong()).isEqualTo(40 * WAN);
        assertThat(jiangjin.get("coverage").asText()).isEqualTo("0.2000");
        JsonNode pools = api.totals(AS_OF).get("riskPools");
        assertThat(report.at("/total/contributedFen").asLong()).isEqualTo(pools.get("contributedFen").asLong());
        assertThat(report.at("/total/compensatedFen").asLong()).isEqualTo(pools.get("compensatedFen").asLong());
        assertThat(report.at("/total/recoveredFen").asLong()).isEqualTo(pools.get("recoveredFen").asLong());
        assertThat(report.at("/total/balanceFen").asLong()).isEqualTo(pools.get("balanceFen").asLong());
    }

    @Test
    void theLoanBookPagedAndFiltered() {
        JsonNode all = report("/api/reports/credit/loan-book?asOf=" + AS_OF + "&size=3");
        assertThat(all.get("totalRows").asLong()).isEqualTo(4);
        assertThat(all.get("rows").findValuesAsText("loanId")).containsExactly("L1", "L2", "L3");
        assertThat(report("/api/reports/credit/loan-book?asOf=" + AS_OF + "&size=3&page=1").get("rows")
                .findValuesAsText("loanId")).containsExactly("L4");
        JsonNode sums = all.get("sums");
        assertThat(sums.get("principalFen").asLong()).isEqualTo(500 * WAN);
        assertThat(sums.get("outstandingFen").asLong()).isEqualTo(50 * WAN);
        assertThat(sums.get("compensationPaidFen").asLong()).isEqualTo(140 * WAN);
        assertThat(sums.get("poolRecoveredFen").asLong()).isEqualTo(8 * WAN);
        JsonNode l3 = all.get("rows").get(2);
        assertThat(l3.get("status").asText()).isEqualTo("DEFAULTED");
        assertThat(l3.get("fundShareBp").asInt()).isEqualTo(6000);
        assertThat(l3.get("defaultedFen").asLong()).isEqualTo(100 * WAN);
        assertThat(l3.get("compensationPaidFen").asLong()).isEqualTo(60 * WAN);
        JsonNode defaulted = report("/api/reports/credit/loan-book?asOf=" + AS_OF + "&status=defaulted&bank=B2");
        assertThat(defaulted.get("rows").findValuesAsText("loanId")).containsExactly("L2", "L3");
        JsonNode closed = report("/api/reports/credit/loan-book?asOf=" + AS_OF + "&status=closed");
        assertThat(closed.get("rows").findValuesAsText("loanId")).containsExactly("L1");
        JsonNode jiangjin = report("/api/reports/credit/loan-book?asOf=" + AS_OF + "&district=江津区");
        assertThat(jiangjin.get("rows").findValuesAsText("loanId")).containsExactly("L2", "L4");
        assertThat(api.get("finance", "/api/reports/credit/loan-book?status=lost").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"year", "district", "bank"})
    void theEventsBehindEveryFigureOfEveryRowAddUpToIt(String by) {
        JsonNode report = report("/api/reports/credit/portfolio/" + by + "?asOf=" + AS_OF);
        for (JsonNode row : report.get("rows")) {
            for (String figure : List.of("loans", "issuedFen", "outstandingFen", "defaultedFen", "compensatedFen",
                    "recoveredFen")) {
                long sum = explainedSum("/api/reports/credit/portfolio/" + by + "/explain?key="
                        + row.get("key").asText() + "&figure=" + figure + "&asOf=" + AS_OF);
                assertThat(sum).as(by + " " + row.get("key").asText() + " " + figure)
                        .isEqualTo(row.get(figure).asLong());
            }
        }
    }

    @Test
    void theEventsBehindEveryPoolFigureAddUpToIt() {
        JsonNode report = report("/api/reports/credit/pools?asOf=" + AS_OF);
        for (JsonNode pool : report.get("pools")) {
            for (String figure : List.of("contributedByCityFen", "contributedByDistrictFen", "contributedFen",
                    "compensatedFen", "recoveredFen", "balanceFen", "waitingClaimsFen")) {
                long sum = explainedSum("/api/reports/credit/pools/" + pool.get("district").asText()
                        + "/explain?figure=" + figure + "&asOf=" + AS_OF);
                assertThat(sum).as(pool.get("district").asText() + " " + figure).isEqualTo(pool.get(figure).asLong());
            }
        }
        assertThat(api.get("finance", "/api/reports/credit/pools/渝北区/explain?figure=nothing").status())
                .isEqualTo(400);
    }

    /** Pages through an explanation (three events a page) and adds up the events' parts. */
    private long explainedSum(String path) {
        long sum = 0;
        for (int page = 0; ; page++) {
            JsonNode explanation = report(path + "&size=3&page=" + page);
            for (JsonNode part : explanation.get("parts")) {
                sum += part.get("amount").asLong();
            }
            if (explanation.get("parts").size() < 3) {
                assertThat(sum).isEqualTo(explanation.get("value").asLong());
                return sum;
            }
        }
    }

    @Test
    void reportsAreForFinanceAuditorsAndAdmins() {
        assertThat(api.get("operator", "/api/reports/credit/pools").status()).isEqualTo(403);
        for (String user : List.of("finance", "auditor", "admin")) {
            assertThat(api.get(user, "/api/reports/credit/pools").status()).isEqualTo(200);
        }
    }

    private JsonNode report(String path) {
        Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
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

    private static JsonNode pool(JsonNode report, String district) {
        for (JsonNode row : report.get("pools")) {
            if (row.get("district").asText().equals(district)) {
                return row;
            }
        }
        throw new AssertionError("no pool " + district + " in " + report);
    }

    private static void assertRow(JsonNode row, long loans, long enterprises, long issued, long outstanding,
                                  long defaulted, long compensated, long recovered, int lossRateBp) {
        assertThat(row.get("loans").asLong()).as("loans").isEqualTo(loans);
        assertThat(row.get("enterprises").asLong()).as("enterprises").isEqualTo(enterprises);
        assertThat(row.get("issuedFen").asLong()).as("issued").isEqualTo(issued);
        assertThat(row.get("outstandingFen").asLong()).as("outstanding").isEqualTo(outstanding);
        assertThat(row.get("defaultedFen").asLong()).as("defaulted").isEqualTo(defaulted);
        assertThat(row.get("compensatedFen").asLong()).as("compensated").isEqualTo(compensated);
        assertThat(row.get("recoveredFen").asLong()).as("recovered").isEqualTo(recovered);
        assertThat(row.get("lossRateBp").asInt()).as("loss rate").isEqualTo(lossRateBp);
    }

    private Answer contribution(String id, String district, String source, String amount) {
        return api.post("operator", "/api/credit/pool-contributions", Map.of("contributionId", id, "district", district,
                "source", source, "amount", amount, "contributedOn", "2022-01-01"));
    }

    private Answer loan(String id, String bank, String enterprise, String district, String principal, String date) {
        Map<String, String> body = new HashMap<>(Map.of("loanId", id, "bankId", bank, "enterpriseId", enterprise,
                "district", district, "principal", principal, "annualRatePct", "3.45", "termMonths", "12"));
        body.put("issuedOn", date);
        return api.post("operator", "/api/credit/loans", body);
    }

    private Answer repay(String loan, String id, String principal, String date) {
        return api.post("operator", "/api/credit/loans/" + loan + "/repayments", Map.of("repaymentId", id,
                "principal", principal, "interest", "1万", "paidOn", date));
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
