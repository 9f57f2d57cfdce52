package cn.cq.fundledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Point in time and "explain this number": /api/totals as the ledger said at an instant (ignoring events
 * recorded later, even back-dated ones), and for every figure the events that make it up, adding up to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:point-in-time;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotalsPointInTimeIntegrationTest {

    private static final String AS_OF = "2024-12-31";

    @Autowired
    TestRestTemplate http;

    LedgerApi api;
    Instant beforeBackDatedLoan;

    @BeforeAll
    void recordAHistoryThenABackDatedLoan() {
        api = new LedgerApi(http);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("banks.csv", "bank_id,name\nB1,重庆银行\nB2,重庆农村商业银行\n");
        files.put("risk-sharing.csv", "effective_from,fund_share_pct,bank_id\n2017-01-01,80,\n");
        files.put("evaluations.csv", "enterprise_id,enterprise_name,district,grade,evaluated_on\n"
                + "E1,企业1,渝北区,A,2023-01-10\nE2,企业2,江津区,B,2023-01-10\n");
        files.put("pool-contributions.csv", "contribution_id,district,source,amount_yuan,contributed_on\n"
                + "C1,渝北区,city,100万,2023-01-01\nC2,江津区,district,10万,2023-01-01\nC3,江津区,city,50万,2023-12-01\n");
        files.put("loans.csv", "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,term_months,issued_on\n"
                + "L1,B1,E1,渝北区,200万,3.45,12,2023-02-01\nL2,B1,E2,江津区,50万,3.45,12,2023-03-01\n");
        files.put("repayments.csv", "repayment_id,loan_id,principal_yuan,interest_yuan,paid_on\nR1,L1,50万,2万,2023-06-01\n");
        files.put("defaults.csv", "loan_id,overdue_since,declared_on\nL2,2023-08-01,2023-09-01\n");
        files.put("compensations.csv", "claim_id,loan_id,claimed_on\nK2,L2,2023-09-10\n");
        files.put("recoveries.csv", "recovery_id,loan_id,amount_yuan,recovered_on\nV2,L2,5万,2024-02-01\n");
        files.put("guided-loans.csv", "loan_id,bank_id,enterprise_id,district,principal_yuan,issued_on\n"
                + "G1,B1,E1,渝北区,300万,2023-05-01\n");
        files.put("seed-funds.csv", "fund_id,name,partner,city_share_pct,committed_yuan,established_on\n"
                + "SF1,高新区种子基金,高新区,40,5000万,2016-01-15\n");
        files.put("seed-investments.csv", "investment_id,fund_id,project_id,enterprise_name,instrument,amount_yuan,"
                + "equity_pct,invested_on\nSI1,SF1,P1,项目1,equity,30万,5,2023-03-01\nSI2,SF1,P1,项目1,loan,20万,,2023-04-01\n"
                + "SI3,SF1,P2,项目2,loan,40万,,2023-05-01\n");
        files.put("equity-commitments.csv", "fund_id,fund_name,partner,committed_yuan,committed_on\n"
                + "EF1,成果转化基金,市级引导基金,1亿,2022-01-01\n");
        files.put("equity-calls.csv", "call_id,fund_id,amount_yuan,called_on\nEC1,EF1,5000万,2022-02-01\n");
        files.put("equity-deals.csv", "deal_id,fund_id,project_id,company,amount_yuan,stake_pct,closed_on\n"
                + "ED1,EF1,EP1,公司1,2000万,10,2023-07-01\n");
        bundle(files);
        beforeBackDatedLoan = Instant.now();
        // recorded now, dated before everything else (with another bank: L2's default suspended B1 by the fuse)
        bundle(Map.of("evaluations.csv", "enterprise_id,enterprise_name,district,grade,evaluated_on\n"
                        + "E3,企业3,渝北区,C,2022-12-01\n",
                "loans.csv", "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,term_months,issued_on\n"
                        + "L0,B2,E3,渝北区,100万,3.45,6,2022-12-20\n"));
    }

    @Test
    void totalsAsTheLedgerSaidThemBeforeABackDatedFactWasRecorded() {
        JsonNode now = api.totals(AS_OF);
        assertThat(now.at("/creditLoans/loans").asLong()).isEqualTo(3);
        assertThat(now.at("/creditLoans/issuedFen").asLong()).isEqualTo(350_000_000L);
        JsonNode then = api.totals(AS_OF + "&recordedAt=" + beforeBackDatedLoan);
        assertThat(then.at("/creditLoans/loans").asLong()).isEqualTo(2);
        assertThat(then.at("/creditLoans/issuedFen").asLong()).isEqualTo(250_000_000L);
        assertThat(then.at("/seedFund/projects").asLong()).isEqualTo(2);
        // as of a date before the back-dated loan's own date, both views agree
        assertThat(api.totals("2022-12-19&recordedAt=" + Instant.now()).at("/creditLoans/loans").asLong()).isZero();
        assertThat(api.totals("2022-12-20").at("/creditLoans/loans").asLong()).isEqualTo(1);
    }

    @Test
    void aCorrectionReversesABackDatedFactLinkedToItWithItsReason() {
        JsonNode before = api.totals(AS_OF);
        Instant beforeCorrection = Instant.now();
        LedgerApi.Answer refused = api.post("operator", "/api/credit/corrections", Map.of("kind", "repayment",
                "factId", "R1", "reason", " "));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("reason");
        LedgerApi.Answer corrected = api.post("operator", "/api/credit/corrections", Map.of("kind", "repayment",
                "factId", "R1", "reason", "银行重复报送"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);

        // R1 (50万, paid 2023-06-01) no longer counts as of any date from its own business date on
        JsonNode after = api.totals(AS_OF);
        assertThat(after.at("/creditLoans/outstandingFen").asLong())
                .isEqualTo(before.at("/creditLoans/outstandingFen").asLong() + 50_000_000L);
        assertThat(api.totals("2023-05-31").at("/creditLoans/outstandingFen").asLong())
                .isEqualTo(api.totals("2023-05-31&recordedAt=" + beforeCorrection).at("/creditLoans/outstandingFen")
                        .asLong());
        // what the ledger said before the correction is still there to see
        assertThat(api.totals(AS_OF + "&recordedAt=" + beforeCorrection).at("/creditLoans/outstandingFen").asLong())
                .isEqualTo(before.at("/creditLoans/outstandingFen").asLong());

        // the history shows both, linked
        JsonNode repayment = api.get("auditor", "/api/audit/events?type=LoanRepaid").json().get("events").get(0);
        JsonNode reversal = api.get("auditor", "/api/audit/events?type=FactReversed").json().get("events").get(0);
        assertThat(reversal.at("/payload/reversesEventId").asText()).isEqualTo(repayment.get("eventId").asText());
        assertThat(reversal.at("/payload/reason").asText()).isEqualTo("银行重复报送");
        assertThat(reversal.get("businessDate").asText()).isEqualTo("2023-06-01");
        JsonNode explained = api.get("auditor", "/api/totals/explain?figure=creditLoans.outstandingFen&asOf=" + AS_OF
                + "&size=100").json();
        assertThat(explained.get("parts").findValuesAsText("kind")).contains("REPAYMENT", "REVERSAL");
    }

    @Test
    void aRecordedAtInTheFutureIsRefused() {
        LedgerApi.Answer answer = api.get("finance", "/api/totals?asOf=" + AS_OF + "&recordedAt="
                + Instant.now().plusSeconds(3600));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("recordedAt");
        assertThat(api.get("finance", "/api/totals?recordedAt=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theEventsOfEveryFigureAddUpToIt() {
        for (String recordedAt : new String[]{null, beforeBackDatedLoan.toString()}) {
            JsonNode totals = api.totals(AS_OF + (recordedAt == null ? "" : "&recordedAt=" + recordedAt));
            List<String> figures = List.of("seedFund.projects", "seedFund.investedFen", "equityFund.projects",
                    "equityFund.investedFen", "creditLoans.loans", "creditLoans.enterprises", "creditLoans.issuedFen",
                    "creditLoans.outstandingFen", "creditLoans.defaultedFen", "creditLoans.compensatedFen",
                    "creditLoans.recoveredFen", "guidedLoans.loans", "guidedLoans.issuedFen", "riskPools.contributedFen",
                    "riskPools.compensatedFen", "riskPools.recoveredFen", "riskPools.balanceFen",
                    "riskPools.waitingClaimsFen");
            for (String figure : figures) {
                long expected = totals.at("/" + figure.replace('.', '/')).asLong();
                long sum = 0;
                long listed = 0;
                for (int page = 0; ; page++) {
                    JsonNode explanation = api.get("auditor", "/api/totals/explain?figure=" + figure + "&asOf=" + AS_OF
                            + (recordedAt == null ? "" : "&recordedAt=" + recordedAt) + "&size=2&page=" + page).json();
                    assertThat(explanation.get("value").asLong()).as(figure).isEqualTo(expected);
                    for (JsonNode part : explanation.get("parts")) {
                        sum += part.get("amount").asLong();
                        listed++;
                        assertThat(part.get("eventId").asText()).isNotBlank();
                    }
                    if (explanation.get("parts").size() < 2) {
                        assertThat(listed).as(figure + " events").isEqualTo(explanation.get("events").asLong());
                        break;
                    }
                }
                assertThat(sum).as(figure + (recordedAt == null ? "" : " at " + recordedAt)).isEqualTo(expected);
            }
        }
        JsonNode issued = api.get("auditor", "/api/totals/explain?figure=creditLoans.issuedFen&asOf=" + AS_OF).json();
        assertThat(issued.get("parts").findValuesAsText("factId")).containsExactly("L0", "L1", "L2");
        assertThat(api.get("auditor", "/api/totals/explain?figure=nothing").status()).isEqualTo(400);
    }

    private void bundle(Map<String, String> files) {
        api.importBundle(files);
    }
}
