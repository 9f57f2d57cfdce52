package cn.cq.fundledger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The answers the campaign's catalogue found wrong, one by one: each is now a 4xx problem+json naming the culprit,
 * with nothing of the ledger's insides, and nothing recorded (or, for a fact taken, answered as it was recorded).
 */
@CatalogueContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemAnswersIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    Wire wire;
    EventStoreProbe store;

    @BeforeAll
    void setUp() {
        wire = new Wire(http);
        store = new EventStoreProbe(jdbc);
    }

    /** Jackson's message named java.lang.String and the request record's class; and the field was "body". */
    @Test
    void aFieldOfTheWrongJsonTypeIsNamedWithoutJavaTypes() {
        JsonNode array = refused(400, () -> wire.postJson("operator", "/api/credit/banks",
                Map.of("bankId", List.of("PA-1"), "name", "银行")));
        Problems.names(array, "bankId", Set.of("json"));
        JsonNode object = refused(400, () -> wire.postJson("operator", "/api/seed/funds", Map.of("fundId", "PA-2",
                "name", "基金", "partner", "区", "committed", Map.of("yuan", 1), "establishedOn", "2016-01-15")));
        Problems.names(object, "committed", Set.of("json"));
    }

    /** "Required request body is missing: public ...CreditController.registerBank(cn.cq....CreditRequests$Bank)". */
    @Test
    void aMissingBodyIsNamedWithoutTheControllersSignature() {
        Problems.names(refused(400, () -> wire.post("operator", "/api/credit/loans", "application/json", new byte[0])),
                "body", Set.of("required"));
        Problems.names(refused(400, () -> wire.post("operator", "/api/equity/deals", "application/json",
                "[{}]".getBytes(StandardCharsets.UTF_8))), "body", Set.of("json"));
        Problems.names(refused(400, () -> wire.post("operator", "/api/credit/banks", "application/json",
                "{\"bankId\": ".getBytes(StandardCharsets.UTF_8))), "body", Set.of("json"));
    }

    @Test
    void aBodyNotInUtf8NamesTheFieldItBreaks() {
        byte[] latin1 = "{\"bankId\":\"PA-3\",\"name\":\"Crédit Agricole\"}".getBytes(StandardCharsets.ISO_8859_1);
        Problems.names(refused(400, () -> wire.post("operator", "/api/credit/banks", "application/json", latin1)),
                "name", Set.of("json"));
    }

    @Test
    void aWrongMediaTypeNamesTheContentType() {
        Problems.names(refused(415, () -> wire.post("operator", "/api/credit/banks", "text/plain",
                "{}".getBytes(StandardCharsets.UTF_8))), "Content-Type", Set.of("media-type"));
        Problems.names(refused(415, () -> wire.post("operator", "/api/imports/banks", "image/png", new byte[]{1})),
                "Content-Type", Set.of("media-type"));
    }

    @Test
    void aFileBeyondTheBoundIsTooLarge() {
        byte[] big = new byte[1_200_000];
        java.util.Arrays.fill(big, (byte) 'a');
        Problems.names(refused(413, () -> wire.postFiles("operator", "/api/imports", List.of(Map.entry("banks.csv",
                big)))), "file", Set.of("too-large"));
    }

    @Test
    void aMissingFilePartIsNamed() {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("document", "bank_id,name\nPA-4,银行\n");
        Problems.names(refused(400, () -> wire.multipart("operator", "/api/imports/banks", parts)), "file",
                Set.of("required"));
    }

    /** Jackson dropped an unknown field and kept the last of two, silently: a typo was recorded as something else. */
    @Test
    void anUnknownFieldATwiceGivenFieldAndTrailingTextAreRefused() {
        Problems.names(refused(400, () -> wire.post("operator", "/api/credit/banks", "application/json",
                "{\"bankId\":\"PA-5\",\"name\":\"银行\",\"nmae\":\"x\"}".getBytes(StandardCharsets.UTF_8))),
                "nmae", Set.of("unknown-field"));
        Problems.names(refused(400, () -> wire.post("operator", "/api/credit/banks", "application/json",
                "{\"bankId\":\"PA-6\",\"bankId\":\"PA-7\",\"name\":\"银行\"}".getBytes(StandardCharsets.UTF_8))),
                "bankId", Set.of("duplicate-field"));
        Problems.names(refused(400, () -> wire.post("operator", "/api/credit/banks", "application/json",
                "{\"bankId\":\"PA-8\",\"name\":\"银行\"} {\"bankId\":\"PA-9\"}".getBytes(StandardCharsets.UTF_8))),
                "body", Set.of("json"));
    }

    /** The Location of the answer was built with URI.create: an id with a space or a quote was recorded, then a 500. */
    @Test
    void anIdThatIsNotAPathSegmentIsRecordedAndLocatedEncoded() {
        String id = "'; DROP TABLE domain_event_entry; -- PA-10";
        long before = store.count();
        Answer answer = wire.postJson("operator", "/api/seed/funds", Map.of("fundId", id, "name", "<script>x</script>",
                "partner", "区", "committed", "1万", "establishedOn", "2016-01-15"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
        String location = answer.headers().getLocation().getRawPath();
        assertThat(location).startsWith("/api/seed/funds/").doesNotContain(" ", ";");
        assertThat(org.springframework.web.util.UriUtils.decode(location.substring("/api/seed/funds/".length()),
                StandardCharsets.UTF_8)).as("the fund's location, one path segment").isEqualTo(id);
        assertThat(store.count()).as("the fund is recorded").isGreaterThan(before);
    }

    /** A correction's replacement of the wrong shape: Jackson's message (class names), a null field (a 500). */
    @Test
    void aReplacementOfTheWrongShapeNamesItsField() {
        Problems.names(refused(400, () -> wire.postJson("operator", "/api/credit/corrections", Map.of("kind", "loan",
                "factId", "PA-11", "reason", "录入错误", "replacement", Map.of("loanId", List.of("x"))))),
                "replacement.loanId", Set.of());
        Problems.names(refused(400, () -> wire.postJson("operator", "/api/credit/corrections", Map.of("kind", "loan",
                "factId", "PA-11", "reason", "录入错误", "replacement", "L9"))), "replacement", Set.of());
        Problems.names(refused(400, () -> wire.postJson("operator", "/api/equity/corrections", Map.of("kind", "deal",
                "factId", "PA-12", "reason", "录入错误", "replacement", Map.of("dealId", Map.of("id", "x"))))),
                "replacement.dealId", Set.of());
    }

    /** Paths the firewall refuses (Tomcat answered an HTML page or Boot's JSON): problem+json naming the variable. */
    @Test
    void aPathIdTheFirewallRefusesNamesItsVariable() {
        for (String id : List.of("a;b", "a%2Fb", "a%5Cb", "a%25b", "..")) {
            JsonNode problem = refused(400, () -> wire.post("operator", "/api/credit/banks/" + id + "/reinstatement",
                    "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
            assertThat(problem.path("field").asText()).as("field for %s", id).isEqualTo("bankId");
            Problems.names(problem, "bankId", Set.of("path-character"));
        }
    }

    /** A request line Tomcat refuses before any filter runs: problem+json, no HTML, no server name. */
    @Test
    void aRequestTomcatRefusesIsAnsweredAsAProblem() throws Exception {
        java.net.URI root = java.net.URI.create(http.getRootUri());
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(("GET /api/credit/banks/a{b}|c HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":400").doesNotContain("<html", "Tomcat", "Exception");
        }
    }

    /** Bytes that are no zip at all, named .zip: said so (it was "holds no .csv or .xlsx file"). */
    @Test
    void aFileNamedZipThatIsNoZipIsSaidToBeNone() {
        byte[] noise = "this is not an archive".getBytes(StandardCharsets.UTF_8);
        JsonNode problem = refused(400, () -> wire.postFiles("operator", "/api/imports",
                List.of(Map.entry("history.zip", noise))));
        Problems.names(problem, "file", Set.of("unreadable-file"));
        assertThat(problem.path("detail").asText()).contains("is not a zip archive");
    }

    private JsonNode refused(int status, Supplier<Answer> send) {
        long before = store.count();
        JsonNode problem = Problems.problem(send.get(), status);
        assertThat(store.count()).as("events after a refusal").isEqualTo(before);
        return problem;
    }
}
