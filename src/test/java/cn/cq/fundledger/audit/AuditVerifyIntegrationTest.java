package cn.cq.fundledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auditors prove nobody altered the history: events changed, deleted or reordered directly in the database
 * are named by the verification, the first broken one first; figures that do not follow from the history are
 * found by replaying it into a separate copy. Each test restores what it tampered with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:audit-verify;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false", "fundledger.audit.seal-interval=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditVerifyIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    LedgerApi api;
    List<Long> positions;

    @BeforeAll
    void recordAHistory() {
        api = new LedgerApi(http);
        created(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "80")));
        created(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行")));
        created(api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", "E1", "enterpriseName", "企业1",
                "district", "渝北区", "grade", "A", "evaluatedOn", "2023-01-10")));
        created(api.post("operator", "/api/credit/pool-contributions", Map.of("contributionId", "C1", "district", "渝北区",
                "source", "city", "amount", "100万", "contributedOn", "2023-01-01")));
        created(api.post("operator", "/api/credit/loans", Map.of("loanId", "L1", "bankId", "B1", "enterpriseId", "E1",
                "district", "渝北区", "principal", "200万", "annualRatePct", "3.45", "termMonths", "12",
                "issuedOn", "2023-02-01")));
        created(api.post("operator", "/api/credit/loans/L1/repayments", Map.of("repaymentId", "R1", "principal", "50万",
                "interest", "1万", "paidOn", "2023-06-01")));
        positions = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex", Long.class);
        assertThat(positions).hasSizeGreaterThanOrEqualTo(7);
        // the ledger seals new events every few seconds; here, at once, before anyone tampers
        assertThat(verify().get("chainValid").asBoolean()).isTrue();
    }

    @Test
    void anUntouchedHistoryVerifies() {
        JsonNode verification = verify();
        assertThat(verification.get("events").asLong()).isEqualTo(positions.size());
        assertThat(verification.get("chainValid").asBoolean()).isTrue();
        assertThat(verification.get("firstBrokenEvent").isNull()).isTrue();
        assertThat(verification.get("projectionsMatch").asBoolean()).isTrue();
        assertThat(verification.get("differences")).isEmpty();
        assertThat(verification.get("chainHead").asText()).hasSize(64);
    }

    @Test
    void aChangedPayloadIsNamed() {
        long target = positionOf("LoanIssued");
        byte[] original = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?", byte[].class,
                target);
        String forged = new String(original, StandardCharsets.UTF_8).replace("200000000", "300000000");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                forged.getBytes(StandardCharsets.UTF_8), target);
        try {
            assertBrokenAt(target, "content");
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", original, target);
        }
        assertThat(verify().get("chainValid").asBoolean()).isTrue();
    }

    @Test
    void changedMetadataIsNamed() {
        long target = positionOf("BankRegistered");
        byte[] original = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE globalIndex = ?", byte[].class,
                target);
        String forged = new String(original, StandardCharsets.UTF_8).replace("\"operator\"", "\"admin\"");
        jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?",
                forged.getBytes(StandardCharsets.UTF_8), target);
        try {
            assertBrokenAt(target, "content");
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?", original, target);
        }
    }

    @Test
    void aDeletedEventIsNamed() {
        long target = positionOf("PoolContributionReceived");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM DomainEventEntry WHERE globalIndex = ?", target);
        jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", target);
        try {
            assertBrokenAt(target, "deleted");
        } finally {
            jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                            + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?)", row.get("GLOBALINDEX"), row.get("AGGREGATEIDENTIFIER"),
                    row.get("SEQUENCENUMBER"), row.get("TYPE"), row.get("EVENTIDENTIFIER"), row.get("METADATA"),
                    row.get("PAYLOAD"), row.get("PAYLOADREVISION"), row.get("PAYLOADTYPE"), row.get("TIMESTAMP"));
        }
        assertThat(verify().get("chainValid").asBoolean()).isTrue();
    }

    @Test
    void reorderedEventsAreNamedAtTheFirstMovedOne() {
        long first = positionOf("EnterpriseEvaluated");
        long second = positionOf("LoanIssued");
        swap(first, second);
        try {
            assertBrokenAt(Math.min(first, second), "moved");
        } finally {
            swap(first, second);
        }
        assertThat(verify().get("chainValid").asBoolean()).isTrue();
    }

    @Test
    void aRowMissingFromAProjectionIsFoundAndShown() {
        java.util.Map<String, Object> bank = jdbc.queryForMap("SELECT bank_id, name FROM credit_bank ORDER BY bank_id "
                + "FETCH FIRST 1 ROWS ONLY");
        jdbc.update("DELETE FROM credit_bank WHERE bank_id = ?", bank.get("bank_id"));
        try {
            JsonNode verification = verify();
            assertThat(verification.get("projectionsMatch").asBoolean()).isFalse();
            JsonNode difference = verification.get("differences").get(0);
            assertThat(difference.get("table").asText()).isEqualTo("credit_bank");
            assertThat(difference.get("replayedRows").asLong()).isEqualTo(difference.get("liveRows").asLong() + 1);
            assertThat(difference.get("firstDifference").asText()).startsWith("the replay has")
                    .contains("bank_id=" + bank.get("bank_id"));
        } finally {
            jdbc.update("INSERT INTO credit_bank (bank_id, name) VALUES (?, ?)", bank.get("bank_id"), bank.get("name"));
        }
        assertThat(verify().get("projectionsMatch").asBoolean()).isTrue();
    }

    @Test
    void figuresThatDoNotFollowFromTheHistoryAreFound() {
        jdbc.update("UPDATE credit_movement SET issued_fen = issued_fen + 1 WHERE kind = 'LOAN_ISSUED'");
        try {
            JsonNode verification = verify();
            assertThat(verification.get("chainValid").asBoolean()).isTrue();
            assertThat(verification.get("projectionsMatch").asBoolean()).isFalse();
            assertThat(verification.get("differences").findValuesAsText("table")).containsExactly("credit_movement");
            assertThat(verification.get("differences").get(0).get("firstDifference").asText()).contains("issued_fen=");
        } finally {
            jdbc.update("UPDATE credit_movement SET issued_fen = issued_fen - 1 WHERE kind = 'LOAN_ISSUED'");
        }
        assertThat(verify().get("projectionsMatch").asBoolean()).isTrue();
    }

    @Test
    void theHistoryIsBrowsedByTypeUserAndBusinessDate() {
        JsonNode loans = api.get("auditor", "/api/audit/events?type=LoanIssued").json();
        assertThat(loans.get("total").asLong()).isEqualTo(1);
        JsonNode loan = loans.get("events").get(0);
        assertThat(loan.at("/payload/loanId").asText()).isEqualTo("L1");
        assertThat(loan.get("businessDate").asText()).isEqualTo("2023-02-01");
        assertThat(loan.get("user").asText()).isEqualTo("operator");
        assertThat(loan.get("correlationId").asText()).isNotBlank();
        assertThat(loan.get("hash").asText()).hasSize(64);
        assertThat(api.get("auditor", "/api/audit/events?user=admin").json().get("events").findValuesAsText("type"))
                .containsExactly("CreditProgramOpened", "RiskSharingRatioSet");
        assertThat(api.get("auditor", "/api/audit/events?businessFrom=2023-05-01&businessTo=2023-06-30").json()
                .get("events").findValuesAsText("type")).containsExactly("LoanRepaid");
        assertThat(api.get("finance", "/api/audit/events").status()).isEqualTo(403);
    }

    @Test
    void theJsonLinesExportCarriesWhatAVerifierNeedsToRecomputeTheChain() throws Exception {
        LedgerApi.Answer export = api.get("auditor", "/api/audit/events/export");
        assertThat(export.status()).isEqualTo(200);
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(positions.size());
        String previous = EventChain.GENESIS;
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String text : lines) {
            JsonNode line = json.readTree(text);
            EventChain.StoredEvent event = new EventChain.StoredEvent(line.get("position").asLong(),
                    line.get("eventId").asText(), line.get("aggregateId").asText(), line.get("sequenceNumber").asLong(),
                    line.get("aggregateType").asText(), line.get("payloadType").asText(),
                    line.get("payloadRevision").isNull() ? null : line.get("payloadRevision").asText(),
                    line.get("timestamp").asText(), line.get("payload").asText().getBytes(StandardCharsets.UTF_8),
                    line.get("metaData").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(line.get("previousHash").asText()).isEqualTo(previous);
            assertThat(EventChain.link(previous, event)).as("hash of " + event.eventIdentifier())
                    .isEqualTo(line.get("hash").asText());
            previous = line.get("hash").asText();
        }
    }

    @Test
    void theStandaloneVerifierChecksAnExportAndRecomputesTheTotals(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String export = api.get("auditor", "/api/audit/events/export").body();
        List<String> lines = export.lines().toList();
        java.nio.file.Path file = dir.resolve("export.jsonl");
        java.nio.file.Files.writeString(file, export);
        String head = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(lines.size() - 1))
                .get("hash").asText();

        Verdict ok = verifier(file, "--as-of", "2023-12-31", "--head", head);
        assertThat(ok.code()).as(ok.output()).isZero();
        JsonNode totals = api.totals("2023-12-31");
        assertThat(ok.output()).contains("creditLoans.issuedFen = " + totals.at("/creditLoans/issuedFen").asLong())
                .contains("creditLoans.outstandingFen = " + totals.at("/creditLoans/outstandingFen").asLong())
                .contains("riskPools.balanceFen = " + totals.at("/riskPools/balanceFen").asLong());

        int loanLine = indexOf(lines, "LoanIssued");
        List<String> edited = new java.util.ArrayList<>(lines);
        edited.set(loanLine, lines.get(loanLine).replace("200000000", "300000000"));
        assertFailsAt(dir, edited, loanLine + 1, "does not match its hash");

        List<String> removed = new java.util.ArrayList<>(lines);
        removed.remove(loanLine);
        assertFailsAt(dir, removed, loanLine + 1, "previousHash");

        List<String> reordered = new java.util.ArrayList<>(lines);
        java.util.Collections.swap(reordered, loanLine, loanLine + 1);
        assertFailsAt(dir, reordered, loanLine + 1, "previousHash");

        java.nio.file.Path cut = dir.resolve("cut.jsonl");
        java.nio.file.Files.writeString(cut, export.substring(0, export.length() - 40));
        Verdict truncated = verifier(cut);
        assertThat(truncated.code()).isEqualTo(1);
        assertThat(truncated.output()).contains("FAIL at line " + lines.size()).contains("cut off");

        java.nio.file.Path shorter = dir.resolve("shorter.jsonl");
        java.nio.file.Files.write(shorter, lines.subList(0, lines.size() - 1));
        Verdict missingEnd = verifier(shorter, "--head", head);
        assertThat(missingEnd.code()).isEqualTo(1);
        assertThat(missingEnd.output()).contains("not at the published head");
    }

    private record Verdict(int code, String output) {
    }

    private static Verdict verifier(java.nio.file.Path file, String... options) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        int code = cn.cq.fundledger.audit.verifier.ExportVerifier.run(args,
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verdict(code, out.toString(StandardCharsets.UTF_8));
    }

    private static void assertFailsAt(java.nio.file.Path dir, List<String> lines, int lineNumber, String why)
            throws Exception {
        java.nio.file.Path file = dir.resolve("tampered-" + lineNumber + "-" + why.hashCode() + ".jsonl");
        java.nio.file.Files.write(file, lines);
        Verdict verdict = verifier(file);
        assertThat(verdict.code()).as(verdict.output()).isEqualTo(1);
        assertThat(verdict.output()).contains("FAIL at line " + lineNumber).contains(why);
    }

    private static int indexOf(List<String> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"" + type + "\"")) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " in the export");
    }

    @Test
    void onlyAuditorsAndAdministratorsVerify() {
        assertThat(api.get("operator", "/api/audit/verify").status()).isEqualTo(403);
        assertThat(api.get("finance", "/api/audit/verify").status()).isEqualTo(403);
        assertThat(api.get("admin", "/api/audit/verify").status()).isEqualTo(200);
    }

    @Test
    void aVerificationRunsAsAJobFollowedAtItsUrl() {
        LedgerApi.Answer started = api.post("auditor", "/api/audit/verifications", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String url = started.headers().getLocation().getPath();
        assertThat(url).isEqualTo(started.json().get("url").asText()).startsWith("/api/audit/verifications/");
        assertThat(started.json().get("scope").asText()).isEqualTo("full");
        assertThat(started.json().get("requestedBy").asText()).isEqualTo("auditor");
        JsonNode job = finished(url);
        assertThat(job.get("state").asText()).isEqualTo("done");
        JsonNode result = job.get("result");
        assertThat(result.get("chainValid").asBoolean()).isTrue();
        assertThat(result.get("projectionsMatch").asBoolean()).isTrue();
        assertThat(result.get("differences")).isEmpty();
        assertThat(result.get("linksChecked").asLong()).isEqualTo(result.get("events").asLong()).isEqualTo(
                jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class));
        assertThat(result.get("eventsReplayed").asLong()).isEqualTo(result.get("events").asLong());
        assertThat(result.get("chainHead").asText()).isEqualTo(verify().get("chainHead").asText());
        assertThat(job.get("verifiedPosition").asLong()).isEqualTo(jdbc.queryForObject(
                "SELECT MAX(global_index) FROM event_chain", Long.class));
        assertThat(job.get("verifiedHash").asText()).isEqualTo(result.get("chainHead").asText());
        assertThat(api.get("auditor", "/api/audit/verifications").json().findValuesAsText("url")).contains(url);
    }

    @Test
    void aFullVerificationJobFindsFiguresThatDoNotFollowFromTheHistory() {
        jdbc.update("UPDATE credit_movement SET issued_fen = issued_fen + 1 WHERE kind = 'LOAN_ISSUED'");
        try {
            JsonNode job = finished(api.post("auditor", "/api/audit/verifications", Map.of("scope", "full"))
                    .headers().getLocation().getPath());
            assertThat(job.at("/result/chainValid").asBoolean()).isTrue();
            assertThat(job.at("/result/projectionsMatch").asBoolean()).isFalse();
            assertThat(job.at("/result/differences").findValuesAsText("table")).containsExactly("credit_movement");
        } finally {
            jdbc.update("UPDATE credit_movement SET issued_fen = issued_fen - 1 WHERE kind = 'LOAN_ISSUED'");
        }
    }

    @Test
    void theSinceLastCheckReadsOnlyWhatWasAddedAndFindsItsChanges() {
        JsonNode full = finished(api.post("auditor", "/api/audit/verifications", Map.of("scope", "full"))
                .headers().getLocation().getPath());
        long point = full.get("verifiedPosition").asLong();
        created(api.post("operator", "/api/credit/loans/L1/repayments", Map.of("repaymentId", "R-since-" + point,
                "principal", "1万", "interest", "0", "paidOn", "2023-07-01")));
        positions = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex", Long.class);
        long added = positions.stream().filter(p -> p > point).count();
        assertThat(added).isPositive();

        JsonNode since = finished(api.post("admin", "/api/audit/verifications", Map.of("scope", "since-last"))
                .headers().getLocation().getPath());
        assertThat(since.get("fromPosition").asLong()).isEqualTo(point);
        assertThat(since.at("/result/checkedFrom").asLong()).isEqualTo(point);
        assertThat(since.at("/result/linksChecked").asLong()).isEqualTo(added);
        assertThat(since.at("/result/chainValid").asBoolean()).isTrue();
        assertThat(since.at("/result/projectionsMatch").isNull()).as("no projection is compared").isTrue();
        assertThat(since.get("verifiedPosition").asLong()).isEqualTo(positions.get(positions.size() - 1));

        // an event added since is changed: the next since-last check (from the new point) does not see it, a
        // check from the earlier point does; so change the newest event and check from the point before it
        long newest = positions.get(positions.size() - 1);
        jdbc.update("UPDATE audit_verification SET chain_valid = FALSE WHERE id = ?", since.get("id").asText());
        byte[] original = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?",
                byte[].class, newest);
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                new String(original, StandardCharsets.UTF_8).replace("10000", "10001").getBytes(StandardCharsets.UTF_8),
                newest);
        try {
            JsonNode broken = finished(api.post("auditor", "/api/audit/verifications", Map.of("scope", "since-last"))
                    .headers().getLocation().getPath());
            assertThat(broken.get("fromPosition").asLong()).isEqualTo(point);
            assertThat(broken.at("/result/chainValid").asBoolean()).isFalse();
            assertThat(broken.at("/result/firstBrokenEvent/position").asLong()).isEqualTo(newest);
            assertThat(broken.at("/result/firstBrokenEvent/reason").asText()).contains("content");
            assertThat(broken.get("verifiedPosition").isNull()).as("a broken chain is no verified point").isTrue();
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", original, newest);
        }

        // the link at the verified point itself is rewritten: the history up to it is not the one verified
        String hash = jdbc.queryForObject("SELECT hash FROM event_chain WHERE global_index = ?", String.class, point);
        jdbc.update("UPDATE event_chain SET hash = ? WHERE global_index = ?", "f".repeat(64), point);
        try {
            JsonNode altered = finished(api.post("auditor", "/api/audit/verifications", Map.of("scope", "since-last"))
                    .headers().getLocation().getPath());
            assertThat(altered.at("/result/chainValid").asBoolean()).isFalse();
            assertThat(altered.at("/result/firstBrokenEvent/position").asLong()).isEqualTo(point);
            assertThat(altered.at("/result/firstBrokenEvent/reason").asText()).contains("verified last");
        } finally {
            jdbc.update("UPDATE event_chain SET hash = ? WHERE global_index = ?", hash, point);
        }
        assertThat(verify().get("chainValid").asBoolean()).isTrue();
    }

    @Test
    void aVerificationOfAnUnknownScopeOrIdIsRefusedAndRecordsNothing() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM audit_verification", Long.class);
        LedgerApi.Answer refused = api.post("auditor", "/api/audit/verifications", Map.of("scope", "everything"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("scope").contains("one-of");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_verification", Long.class)).isEqualTo(before);
        LedgerApi.Answer unknown = api.get("auditor", "/api/audit/verifications/no-such-job");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown-verification");
        assertThat(api.post("operator", "/api/audit/verifications", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void oddVerificationBodiesAreRefusedAndStartNothing() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM audit_verification", Long.class);
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"scope\":\"\"}", "scope");
        bodies.put("{\"scope\":\" full \"}", "scope");
        bodies.put("{\"scope\":\"full\\u0000\"}", "scope");
        bodies.put("{\"scope\":\"FULL\"}", "scope");
        bodies.put("{\"scope\":\"" + "x".repeat(5000) + "\"}", "scope");
        bodies.put("{\"scope\":[\"full\"]}", "scope");
        bodies.put("{\"scope\":{\"a\":1}}", "scope");
        bodies.put("{\"scope\":\"full\",\"scope\":\"since-last\"}", "scope");
        bodies.put("{\"scope\":\"full\",\"everything\":true}", "everything");
        bodies.put("[]", null);
        bodies.put("{\"scope\":\"full\"} {}", null);
        bodies.put("{", null);
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            LedgerApi.Answer answer = api.send("auditor", org.springframework.http.HttpMethod.POST,
                    "/api/audit/verifications", body.getKey());
            assertThat(answer.status()).as("%s: %s", abbreviated(body.getKey()), answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            if (body.getValue() != null) {
                assertThat(answer.body()).as(abbreviated(body.getKey())).contains("\"" + body.getValue() + "\"");
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_verification", Long.class)).isEqualTo(before);
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** Follows a verification's URL until it is no longer running. */
    private JsonNode finished(String url) {
        JsonNode[] job = new JsonNode[1];
        org.awaitility.Awaitility.await("the verification finishes").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
                    LedgerApi.Answer answer = api.get("auditor", url);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    job[0] = answer.json();
                    return !job[0].get("state").asText().equals("running");
                });
        return job[0];
    }

    private void assertBrokenAt(long position, String reason) {
        JsonNode verification = verify();
        assertThat(verification.get("chainValid").asBoolean()).isFalse();
        assertThat(verification.at("/firstBrokenEvent/position").asLong()).isEqualTo(position);
        assertThat(verification.at("/firstBrokenEvent/reason").asText()).contains(reason);
    }

    private void swap(long a, long b) {
        jdbc.update("UPDATE DomainEventEntry SET globalIndex = -1 WHERE globalIndex = ?", a);
        jdbc.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = ?", a, b);
        jdbc.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = -1", b);
    }

    private long positionOf(String eventType) {
        return jdbc.queryForObject("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE payloadType LIKE ?", Long.class,
                "%." + eventType);
    }

    private JsonNode verify() {
        LedgerApi.Answer answer = api.get("auditor", "/api/audit/verify");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void created(LedgerApi.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
