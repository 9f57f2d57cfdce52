package cn.cq.fundledger.equityfund;

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
 * Every refused equity command answers 4xx problem+json naming the field and the rule, and writes no event; the
 * same fact sent again answers 200 with {@code duplicate: true} and writes nothing either.
 *
 * <p>The history: EF1 with partners committing 600万 and 400万 (2020-05-22), a call of 500万 (2020-06-30), deal D1
 * of 500万 (2020-08-01), fully exited for 800万 (2022-01-01); deal D2 is never recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:equity-bad-input;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquityBadInputIntegrationTest {

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
        created(api.post("operator", "/api/equity/commitments", commitment(Map.of())));
        created(api.post("operator", "/api/equity/commitments", commitment(Map.of("partner", "社会资本",
                "committedYuan", "400万"))));
        created(api.post("operator", "/api/equity/funds/EF1/calls", call(Map.of())));
        created(api.post("operator", "/api/equity/deals", deal(Map.of())));
        created(api.post("operator", "/api/equity/deals/D1/exits", Map.of("exitId", "X1", "proceedsYuan", "800万",
                "exitedOn", "2022-01-01")));
        recorded = store.count();
    }

    @Test
    void aCallBeyondTheCommitments() {
        refused(api.post("operator", "/api/equity/funds/EF1/calls", call(Map.of("callId", "C2",
                "amountYuan", "500.0001万", "calledOn", "2020-07-30"))), 422, "amountYuan", "call-exceeds-commitments");
    }

    @Test
    void aDealBeyondTheCalledCapital() {
        refused(api.post("operator", "/api/equity/deals", deal(Map.of("dealId", "D2", "amountYuan", "0.01"))), 422,
                "amountYuan", "deal-exceeds-called-capital");
    }

    @Test
    void aSecondFullExit() {
        refused(api.post("operator", "/api/equity/deals/D1/exits", Map.of("exitId", "X2", "proceedsYuan", "1",
                "exitedOn", "2022-02-01")), 422, "dealId", "deal-exited");
    }

    @Test
    void aStakeAboveAHundredPercent() {
        refused(api.post("operator", "/api/equity/deals", deal(Map.of("dealId", "D2", "stakePct", 100.01))), 400,
                "stakePct", "ratio-range");
    }

    @Test
    void aNegativeStake() {
        refused(api.post("operator", "/api/equity/deals", deal(Map.of("dealId", "D2", "stakePct", -1))), 400,
                "stakePct", "percent-format");
    }

    @Test
    void anUnknownFund() {
        refused(api.post("operator", "/api/equity/funds/NOPE/calls", call(Map.of("callId", "C9"))), 404, "fundId",
                "unknown-fund");
        refused(api.post("operator", "/api/equity/deals", deal(Map.of("dealId", "D9", "fundId", "NOPE"))), 404,
                "fundId", "unknown-fund");
        refused(api.post("operator", "/api/equity/funds/NOPE/distributions", Map.of("distributionId", "DS9",
                "amountYuan", "1", "distributedOn", "2022-02-01")), 404, "fundId", "unknown-fund");
        refused(api.get("operator", "/api/equity/funds/NOPE/partners"), 404, "fundId", "unknown-fund");
        refused(api.get("finance", "/api/reports/equity/funds/NOPE"), 404, "fundId", "unknown-fund");
    }

    @Test
    void anUnknownDeal() {
        refused(api.post("operator", "/api/equity/deals/D2/exits", Map.of("exitId", "X9", "proceedsYuan", "1",
                "exitedOn", "2022-02-01")), 404, "dealId", "unknown-deal");
        refused(api.post("operator", "/api/equity/deals/D2/marks", Map.of("valueYuan", "1", "method", "cost",
                "markedOn", "2022-02-01")), 404, "dealId", "unknown-deal");
        refused(api.get("operator", "/api/equity/deals/D2"), 404, "dealId", "unknown-deal");
    }

    @Test
    void anUnknownPartner() {
        refused(api.get("operator", "/api/equity/funds/EF1/partners/NOPE"), 404, "partner", "unknown-partner");
    }

    @Test
    void aDistributionAboveTheUndistributedProceeds() {
        refused(api.post("operator", "/api/equity/funds/EF1/distributions", Map.of("distributionId", "DS1",
                "amountYuan", "800.0001万", "distributedOn", "2022-02-01")), 422, "amountYuan",
                "distribution-exceeds-proceeds");
    }

    @Test
    void aMarkOnceTheDealIsFullyExited() {
        refused(api.post("operator", "/api/equity/deals/D1/marks", Map.of("valueYuan", "1", "method", "appraisal",
                "markedOn", "2022-01-02")), 422, "markedOn", "deal-exited");
    }

    @Test
    void anUnknownValuationMethod() {
        refused(api.post("operator", "/api/equity/deals/D1/marks", Map.of("valueYuan", "1", "method", "guess",
                "markedOn", "2021-01-02")), 400, "method", "choice");
    }

    @Test
    void aPartOfAnExitAboveAHundredPercent() {
        refused(api.post("operator", "/api/equity/deals/D1/exits", Map.of("exitId", "X3", "proceedsYuan", "1",
                "exitedOn", "2022-02-01", "portionPct", 101)), 400, "portionPct", "ratio-range");
    }

    @Test
    void theSameIdWithDifferentContent() {
        refused(api.post("operator", "/api/equity/commitments", commitment(Map.of("committedYuan", "600.01万"))), 409,
                "committedYuan", "id-conflict");
        refused(api.post("operator", "/api/equity/funds/EF1/calls", call(Map.of("amountYuan", "400万"))), 409,
                "callId", "id-conflict");
        refused(api.post("operator", "/api/equity/deals", deal(Map.of("stakePct", 11))), 409, "dealId", "id-conflict");
        refused(api.post("operator", "/api/equity/commitments", commitment(Map.of("fundName", "另一个基金",
                "partner", "新合伙人"))), 409, "fundName", "fund-name-mismatch");
    }

    @Test
    void theSameFactAgainIsAnsweredAsADuplicate() {
        for (Answer answer : new Answer[]{
                api.post("operator", "/api/equity/commitments", commitment(Map.of())),
                api.post("operator", "/api/equity/funds/EF1/calls", call(Map.of())),
                api.post("operator", "/api/equity/deals", deal(Map.of())),
                api.post("operator", "/api/equity/deals/D1/exits", Map.of("exitId", "X1", "proceedsYuan", "800万",
                        "exitedOn", "2022-01-01"))}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("duplicate").asBoolean()).isTrue();
        }
        assertThat(store.count()).isEqualTo(recorded);
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        Answer answer = api.post("operator", "/api/equity/deals", deal(Map.of("dealId", "D2", "amountYuan", "1.001",
                "stakePct", "x", "closedOn", "2020-02-30", "company", "")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("amountYuan", "stakePct", "closedOn", "company");
        assertThat(store.count()).isEqualTo(recorded);
    }

    @Test
    void aBodyThatContradictsThePath() {
        refused(api.post("operator", "/api/equity/funds/EF1/calls", call(Map.of("callId", "C3", "fundId", "EF2"))),
                400, "fundId", "path-mismatch");
    }

    @Test
    void onlyOperatorsRecordAndOnlyFinanceStaffReadReports() {
        assertThat(api.post("finance", "/api/equity/funds/EF1/calls", call(Map.of("callId", "C4"))).status())
                .isEqualTo(403);
        assertThat(api.get("operator", "/api/reports/equity/funds").status()).isEqualTo(403);
        assertThat(api.get("auditor", "/api/reports/equity/funds").status()).isEqualTo(200);
        assertThat(api.get(null, "/api/equity/funds").status()).isEqualTo(401);
        assertThat(store.count()).isEqualTo(recorded);
    }

    private void refused(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.json().get("rule").asText()).isEqualTo(rule);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(store.count()).as("events after a refusal").isEqualTo(recorded);
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static Map<String, Object> commitment(Map<String, Object> changes) {
        return with(Map.of("fundId", "EF1", "fundName", "科技成果转化股权投资基金", "partner", "市级引导基金",
                "committedYuan", "600万", "committedOn", "2020-05-22"), changes);
    }

    private static Map<String, Object> call(Map<String, Object> changes) {
        return with(Map.of("callId", "C1", "amountYuan", "500万", "calledOn", "2020-06-30"), changes);
    }

    private static Map<String, Object> deal(Map<String, Object> changes) {
        return with(Map.of("dealId", "D1", "fundId", "EF1", "projectId", "P1", "company", "某科技公司",
                "amountYuan", "500万", "stakePct", 10, "closedOn", "2020-08-01"), changes);
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(base);
        body.putAll(changes);
        return body;
    }
}
