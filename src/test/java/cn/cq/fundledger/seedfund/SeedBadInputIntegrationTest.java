package cn.cq.fundledger.seedfund;

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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every refused seed command answers 4xx problem+json naming the field and the rule, and writes no event. The
 * history: fund GX (40%, 1000万), I1 an equity stake of 60万 in P1 on 2024-10-01, I2 a loan of 10万 in P2
 * exited by repayment; fund SMALL of 100万 with 90万 invested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:seed-bad-input;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedBadInputIntegrationTest {

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
        created(api.post("operator", "/api/seed/funds", Map.of("fundId", "GX", "name", "高新区种子基金",
                "partner", "高新区", "citySharePct", "40", "committed", "1000万", "establishedOn", "2016-01-15")));
        created(api.post("operator", "/api/seed/funds", Map.of("fundId", "SMALL", "name", "小基金",
                "partner", "某园区", "committed", "100万", "establishedOn", "2016-01-15")));
        created(api.post("operator", "/api/seed/investments", investment(Map.of())));
        created(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "I2",
                "projectId", "P2", "instrument", "loan", "amount", "10万", "equityPct", ""))));
        created(api.post("operator", "/api/seed/investments/I2/exit", Map.of("exitId", "X2", "route", "repaid",
                "proceeds", "10万", "exitedOn", "2024-10-20")));
        created(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "S1",
                "fundId", "SMALL", "projectId", "P9", "amount", "80万"))));
        created(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "S2",
                "fundId", "SMALL", "projectId", "P8", "amount", "10万"))));
        recorded = store.count();
    }

    @Test
    void anInvestmentAboveTheProjectCap() {
        // P1 holds 60万; the cap on 2024-10-26 is 80万
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X1",
                "amount", "20.01万", "investedOn", "2024-10-26"))), 422, "amount", "project-cap-exceeded");
    }

    @Test
    void theCapOfTwoHundredWanFromTwentyFourOctoberTwentySeven() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X2",
                "amount", "140.01万", "investedOn", "2024-10-27"))), 422, "amount", "project-cap-exceeded");
    }

    @Test
    void anInvestmentAboveTheFundsCommitment() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X3",
                "fundId", "SMALL", "projectId", "P7", "amount", "10.01万"))), 422, "amount", "commitment-exceeded");
    }

    @Test
    void aSecondExit() {
        refused(api.post("operator", "/api/seed/investments/I2/exit", Map.of("exitId", "X9", "route", "write_off",
                "proceeds", "0", "exitedOn", "2024-11-01")), 409, "investmentId", "already-exited");
    }

    @Test
    void proceedsOnAWriteOff() {
        refused(api.post("operator", "/api/seed/investments/I1/exit", Map.of("exitId", "X10", "route", "write_off",
                "proceeds", "0.01", "exitedOn", "2024-11-01")), 400, "proceeds", "write-off-proceeds");
    }

    @Test
    void aStakeRepaid() {
        refused(api.post("operator", "/api/seed/investments/I1/exit", Map.of("exitId", "X11", "route", "repaid",
                "proceeds", "60万", "exitedOn", "2024-11-01")), 422, "route", "route-instrument");
    }

    @Test
    void anUnknownRoute() {
        refused(api.post("operator", "/api/seed/investments/I1/exit", Map.of("exitId", "X12", "route", "ipo",
                "proceeds", "60万", "exitedOn", "2024-11-01")), 400, "route", "choice");
    }

    @Test
    void anExitBeforeTheInvestment() {
        refused(api.post("operator", "/api/seed/investments/I1/exit", Map.of("exitId", "X13", "route", "buyback",
                "proceeds", "60万", "exitedOn", "2024-09-30")), 422, "exitedOn", "date-order");
    }

    @Test
    void anEquityStakeOfZeroOrAboveHundred() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X4",
                "equityPct", 0))), 400, "equityPct", "ratio-range");
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X4",
                "equityPct", "100.01"))), 400, "equityPct", "ratio-range");
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X4",
                "equityPct", "-5"))), 400, "equityPct", "percent-format");
    }

    @Test
    void anEquityStakeWithoutItsPercentage() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X5",
                "equityPct", ""))), 400, "equityPct", "required");
    }

    @Test
    void aLoanWithAStake() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X6",
                "instrument", "loan", "equityPct", 5))), 400, "equityPct", "stake-on-loan");
    }

    @Test
    void anUnknownInstrument() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X7",
                "instrument", "bond"))), 400, "instrument", "choice");
    }

    @Test
    void anUnknownFund() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X8",
                "fundId", "NOPE"))), 422, "fundId", "unknown-fund");
        refused(api.post("operator", "/api/seed/funds/NOPE/commitment-raises", Map.of("raiseId", "R1",
                "increase", "10万", "raisedOn", "2020-01-01")), 422, "fundId", "unknown-fund");
    }

    @Test
    void anUnknownInvestment() {
        refused(api.post("operator", "/api/seed/investments/NOPE/exit", Map.of("exitId", "X14", "route", "buyback",
                "proceeds", "1", "exitedOn", "2024-11-01")), 404, "investmentId", "unknown-investment");
        assertThat(api.get("operator", "/api/seed/investments/NOPE").status()).isEqualTo(404);
    }

    @Test
    void aCityShareAboveHundred() {
        refused(api.post("operator", "/api/seed/funds", Map.of("fundId", "F9", "name", "n", "partner", "p",
                "citySharePct", 101, "committed", "1万", "establishedOn", "2016-01-15")), 400, "citySharePct",
                "ratio-range");
    }

    @Test
    void aPostMoneyBelowTheRound() {
        refused(api.post("operator", "/api/seed/follow-on-rounds", Map.of("roundId", "FR9", "projectId", "P1",
                "investor", "某天使投资", "amount", "300万", "postMoney", "200万", "closedOn", "2025-01-01")), 400,
                "postMoney", "post-money-below-amount");
    }

    @Test
    void aDuplicateIdWithDifferentContent() {
        refused(api.post("operator", "/api/seed/investments", investment(Map.of("amount", "59万"))), 409,
                "investmentId", "id-conflict");
    }

    @Test
    void anInvestmentIdInTheBodyThatContradictsThePath() {
        refused(api.post("operator", "/api/seed/investments/I1/exit", Map.of("exitId", "X15", "investmentId", "I2",
                "route", "buyback", "proceeds", "1", "exitedOn", "2024-11-01")), 400, "investmentId", "path-mismatch");
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        Answer answer = api.post("operator", "/api/seed/investments", investment(Map.of("investmentId", "X16",
                "amount", "1.001", "equityPct", "x", "investedOn", "2024-02-30")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("amount", "equityPct", "investedOn");
        assertThat(store.count()).isEqualTo(recorded);
    }

    @Test
    void policiesAreForAdministrators() {
        Answer answer = api.post("operator", "/api/seed/policies/caps", Map.of("effectiveFrom", "2026-01-01",
                "cap", "300万"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(api.post("operator", "/api/seed/policies/target", Map.of("targetScale", "5亿",
                "targetDate", "2027-12-31")).status()).isEqualTo(403);
        refused(api.post("admin", "/api/seed/policies/caps", Map.of("effectiveFrom", "2024-10-27", "cap", "150万")),
                409, "effectiveFrom", "id-conflict");
        refused(api.post("admin", "/api/seed/policies/target", Map.of("targetScale", "0",
                "targetDate", "2027-12-31")), 400, "targetScale", "amount-positive");
    }

    private void refused(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).as(answer.body()).isEqualTo(field);
        assertThat(answer.json().get("rule").asText()).as(answer.body()).isEqualTo(rule);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(store.count()).as("events after a refusal").isEqualTo(recorded);
    }

    private static Map<String, Object> investment(Map<String, Object> changes) {
        Map<String, Object> investment = new HashMap<>(Map.of("investmentId", "I1", "fundId", "GX", "projectId", "P1",
                "enterpriseName", "项目公司P1", "instrument", "equity", "amount", "60万", "equityPct", 5,
                "investedOn", "2024-10-01"));
        investment.putAll(changes);
        return investment;
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
