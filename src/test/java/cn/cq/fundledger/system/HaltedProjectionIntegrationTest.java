package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stored event that a projection cannot take in (issue 11: a loan id longer than the read model's column) halts
 * its processor, which retries it for ever. The halt is never silent: health is DOWN naming the processor, every
 * read of that projection answers 503 naming the processor and the event, auditors see it in
 * {@code /api/audit/processors}, and the other projections go on. Once the cause is fixed the processor resumes
 * from its token and everything answers again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:halted-projection;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
class HaltedProjectionIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HALT = Duration.ofSeconds(60);
    // Axon's back-off between attempts doubles up to a minute
    private static final Duration RECOVERY = Duration.ofMinutes(3);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPoisonedEventHaltsTheCreditProjectionVisiblyUntilItsCauseIsFixed() throws Exception {
        LedgerApi api = new LedgerApi(http);
        recordOneLoanAndOneSeedFund(api);
        assertThat(api.totals("2023-12-31").at("/creditLoans/loans").asLong()).isEqualTo(1);

        String poisonId = UUID.randomUUID().toString();
        long poison = storeLoanIssuedWithATenThousandCharacterLoanId(poisonId);

        // health: DOWN for anyone, and to an admin which processor, where and why
        await().atMost(HALT).untilAsserted(() -> {
            Answer health = api.get("admin", "/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().at("/components/projections/status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/components/projections/details/credit-ledger/status").asText())
                    .isEqualTo("HALTED");
        });
        Answer anonymous = api.get(null, "/actuator/health");
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(anonymous.json().has("components")).as("details only to ADMIN and AUDITOR").isFalse();
        JsonNode details = api.get("auditor", "/actuator/health").json().at("/components/projections/details");
        JsonNode credit = details.get("credit-ledger");
        assertThat(credit.get("eventPosition").asLong()).isEqualTo(poison);
        assertThat(credit.get("eventType").asText()).isEqualTo("LoanIssued");
        JsonNode segment = credit.at("/segments/0");
        assertThat(segment.get("errorState").asBoolean()).isTrue();
        assertThat(segment.get("error").asText()).contains("Value too long").hasSizeLessThanOrEqualTo(300);
        assertThat(segment.get("since").isNull()).isFalse();
        // the processor's token stands just before the event: the events it has no handler for were passed
        assertThat(segment.get("position").asLong()).isEqualTo(poison - 1);
        for (String other : new String[]{"seed-ledger", "equity-ledger", "audit-index"}) {
            assertThat(details.at("/" + other + "/status").asText()).as(other).isEqualTo("RUNNING");
            assertThat(details.at("/" + other + "/segments/0/errorState").asBoolean()).as(other).isFalse();
        }

        // reads of the credit projection: 503 problem+json naming the processor and the event
        for (String[] read : new String[][]{{"finance", "/api/totals?asOf=2023-12-31"},
                {"operator", "/api/credit/loans/L1"}, {"finance", "/api/reports/credit/portfolio/year?asOf=2023-12-31"},
                {"finance", "/api/totals/explain?figure=creditLoans.issuedFen&asOf=2023-12-31"}}) {
            Answer answer = api.get(read[0], read[1]);
            assertThat(answer.status()).as(read[1]).isEqualTo(503);
            assertThat(answer.contentType()).as(read[1]).startsWith("application/problem+json");
            assertThat(answer.headers().getFirst("Retry-After")).as(read[1]).isEqualTo("60");
            JsonNode problem = answer.json();
            assertThat(problem.get("rule").asText()).isEqualTo("projection-halted");
            assertThat(problem.get("field").isNull()).isTrue();
            assertThat(problem.get("processor").asText()).isEqualTo("credit-ledger");
            assertThat(problem.get("eventPosition").asLong()).isEqualTo(poison);
            assertThat(problem.get("eventId").asText()).isEqualTo(poisonId);
            assertThat(problem.get("eventType").asText()).isEqualTo("LoanIssued");
            assertThat(problem.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(problem.get("detail").asText()).contains("credit-ledger", "event " + poison, "Value too long");
        }

        // the other projections answer as usual
        Answer funds = api.get("operator", "/api/seed/funds");
        assertThat(funds.status()).isEqualTo(200);
        assertThat(funds.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        Answer events = api.get("auditor", "/api/audit/events?type=LoanIssued");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");

        // auditors see where every processor stands
        assertThat(api.get("finance", "/api/audit/processors").status()).isEqualTo(403);
        JsonNode overview = api.get("auditor", "/api/audit/processors").json();
        assertThat(overview.get("head").asLong()).isEqualTo(poison);
        assertThat(overview.get("halted").asBoolean()).isTrue();
        JsonNode halted = processor(overview, "credit-ledger");
        assertThat(halted.get("halted").asBoolean()).isTrue();
        assertThat(halted.get("position").asLong()).isEqualTo(poison - 1);
        assertThat(halted.get("lag").asLong()).isEqualTo(1);
        assertThat(halted.at("/segments/0/errorState").asBoolean()).isTrue();
        JsonNode error = halted.get("lastError");
        assertThat(error.get("eventPosition").asLong()).isEqualTo(poison);
        assertThat(error.get("eventId").asText()).isEqualTo(poisonId);
        assertThat(error.get("eventType").asText()).isEqualTo("LoanIssued");
        assertThat(error.get("message").asText()).contains("Value too long");
        assertThat(error.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(error.get("firstSeen").isNull()).isFalse();
        assertThat(error.get("resolvedAt").isNull()).isTrue();
        for (String other : new String[]{"seed-ledger", "equity-ledger", "audit-index"}) {
            JsonNode running = processor(overview, other);
            assertThat(running.get("halted").asBoolean()).as(other).isFalse();
            assertThat(running.get("position").asLong()).as(other).isEqualTo(poison);
            assertThat(running.get("lag").asLong()).as(other).isZero();
            assertThat(running.get("lastError").isNull()).as(other).isTrue();
        }

        // the cause is fixed as an upgraded ledger would (its migration widens the columns): the processor resumes
        // from its token by itself, takes the event in, and everything answers again
        widenTheCreditLoanIdColumns();
        await().atMost(RECOVERY).untilAsserted(() ->
                assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200));
        assertThat(api.totals("2023-12-31").at("/creditLoans/loans").asLong()).isEqualTo(2);
        assertThat(api.get("operator", "/api/credit/loans/L1").status()).isEqualTo(200);
        JsonNode after = processor(api.get("auditor", "/api/audit/processors").json(), "credit-ledger");
        assertThat(after.get("halted").asBoolean()).isFalse();
        assertThat(after.get("position").asLong()).isEqualTo(poison);
        assertThat(after.at("/segments/0/errorState").asBoolean()).isFalse();
        assertThat(after.at("/lastError/eventPosition").asLong()).isEqualTo(poison);
        assertThat(after.at("/lastError/resolvedAt").isNull()).isFalse();
        assertThat(api.get("admin", "/actuator/health").json()
                .at("/components/projections/details/credit-ledger/status").asText()).isEqualTo("RUNNING");
    }

    private static void recordOneLoanAndOneSeedFund(LedgerApi api) {
        assertThat(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01",
                "fundSharePct", "80")).status()).isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行")).status())
                .isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", "E1", "enterpriseName", "企业1",
                "district", "渝北区", "grade", "D", "evaluatedOn", "2023-01-10")).status()).isEqualTo(201);
        assertThat(api.post("operator", "/api/credit/loans", Map.of("loanId", "L1", "bankId", "B1",
                "enterpriseId", "E1", "district", "渝北区", "principal", "50万", "annualRatePct", "3.45",
                "termMonths", "6", "issuedOn", "2023-02-01")).status()).isEqualTo(201);
        assertThat(api.post("operator", "/api/seed/funds", Map.of("fundId", "GX", "name", "高新区种子基金",
                "partner", "高新区", "committed", "1000万", "establishedOn", "2016-01-15")).status()).isEqualTo(201);
    }

    /**
     * Stores, straight into the event store as the bug did, a copy of the recorded LoanIssued whose loan id is longer
     * than the read model's column; under an aggregate of its own, so the credit program itself is not disturbed.
     */
    private long storeLoanIssuedWithATenThousandCharacterLoanId(String eventId) throws Exception {
        Map<String, Object> issued = jdbc.queryForMap("SELECT * FROM DomainEventEntry WHERE payloadType LIKE ?",
                "%.LoanIssued");
        ObjectNode payload = (ObjectNode) JSON.readTree((byte[]) issued.get("payload"));
        payload.put("loanId", "L".repeat(10_000));
        jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                        + "metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?,?,?,?,?,?,?,?,?)",
                "poisoned-loan", 0L, issued.get("type"), eventId, issued.get("metaData"), JSON.writeValueAsBytes(payload),
                issued.get("payloadRevision"), issued.get("payloadType"), issued.get("timeStamp"));
        Long position = jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?",
                Long.class, eventId);
        return position == null ? -1 : position;
    }

    /**
     * Deleting the stored row would not do: a running node keeps delivering recent events from Axon's in-memory
     * event cache, so only a restart would stop it; and a ledger never deletes an event.
     */
    private void widenTheCreditLoanIdColumns() {
        jdbc.execute("ALTER TABLE credit_loan ALTER COLUMN loan_id SET DATA TYPE VARCHAR(10000)");
        jdbc.execute("ALTER TABLE credit_movement ALTER COLUMN loan_id SET DATA TYPE VARCHAR(10000)");
        jdbc.execute("ALTER TABLE credit_movement ALTER COLUMN fact_id SET DATA TYPE VARCHAR(10000)");
    }

    private static JsonNode processor(JsonNode overview, String name) {
        return StreamSupport.stream(overview.get("processors").spliterator(), false)
                .filter(p -> p.get("processor").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + name + " in " + overview));
    }
}
