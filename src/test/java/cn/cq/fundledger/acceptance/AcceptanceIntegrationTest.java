package cn.cq.fundledger.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The acceptance sample of ../shared/acceptance (a history computed independently of the ledger): loaded as
 * one bundle into an empty ledger, every row applies, and /api/totals answers every figure of expected.json
 * to the fen. The folder exists in CI, not in a user's clone: there this test reports itself skipped.
 * {@code -Dfundledger.acceptance.dir=...} points it elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:acceptance;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false", "fundledger.consistency.wait=3m"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcceptanceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of(System.getProperty("fundledger.acceptance.dir",
            "../shared/acceptance/sample-full"));

    @Autowired
    TestRestTemplate http;

    JsonNode imported;
    int csvRows;

    @BeforeAll
    void importTheSample() throws IOException {
        assumeTrue(Files.isRegularFile(SAMPLE.resolve("expected.json")),
                "skipped: the acceptance sample " + SAMPLE.toAbsolutePath() + " is not present (it exists in CI)");
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(SAMPLE)) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            csvRows += (int) Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank()).count();
            parts.add("file", new ByteArrayResource(bytes) {
                @Override
                public String getFilename() {
                    return file.getFileName().toString();
                }
            });
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator");
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = http.exchange("/api/imports", HttpMethod.POST, new HttpEntity<>(parts, headers),
                String.class);
        assertThat(response.getStatusCode().value()).as(abbreviate(response.getBody())).isEqualTo(200);
        imported = JSON.readTree(response.getBody());
    }

    @Test
    @Order(1)
    void everyRowOfTheSampleApplies() {
        assertThat(imported.get("rows").asInt()).isEqualTo(csvRows);
        assertThat(imported.get("applied").asInt()).isEqualTo(csvRows);
        assertThat(imported.get("duplicates").asInt()).isZero();
        assertThat(imported.get("rejected").asInt()).isZero();
    }

    @Test
    @Order(2)
    void totalsMatchTheIndependentFiguresToTheFen() throws IOException {
        JsonNode expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        assertThat(expected.size()).isPositive();
        for (JsonNode point : expected) {
            String asOf = point.get("asOf").asText();
            HttpHeaders headers = new HttpHeaders();
            headers.setBasicAuth("finance", "finance");
            ResponseEntity<String> response = http.exchange("/api/totals?asOf=" + asOf, HttpMethod.GET,
                    new HttpEntity<>(headers), String.class);
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getHeaders().getFirst("X-Ledger-Consistent")).isEqualTo("true");
            JsonNode actual = JSON.readTree(response.getBody());
            compare(asOf, "", point, actual);
        }
    }

    @Test
    @Order(3)
    void reSendingTheWholeSampleRecordsNothingTwice() throws IOException {
        int before = imported.get("applied").asInt();
        importAgain();
        assertThat(imported.get("applied").asInt()).isZero();
        assertThat(imported.get("duplicates").asInt()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void theRecordedPolicyReplayedAsAWhatIfGivesTheSampleFiguresToTheFen() throws IOException {
        JsonNode expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        List<String> dates = new java.util.ArrayList<>();
        expected.forEach(point -> dates.add(point.get("asOf").asText()));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("finance", "finance");
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.exchange("/api/what-if/credit", HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(Map.of("asOf", dates)), headers), String.class);
        assertThat(response.getStatusCode().value()).as(abbreviate(response.getBody())).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.getBody());
        assertThat(answer.get("findings")).as("the sample breaks none of its own rules").isEmpty();
        int compared = 0;
        for (JsonNode result : answer.get("results")) {
            String asOf = result.get("asOf").asText();
            assertThat(result.get("whatIf")).as("what-if at " + asOf).isEqualTo(result.get("actual"));
            for (JsonNode point : expected) {
                if (point.get("asOf").asText().equals(asOf)) {
                    for (String part : List.of("creditLoans", "riskPools")) {
                        if (point.has(part)) {
                            compare(asOf, "", point.get(part), result.at("/whatIf/" + part));
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).as("the sample's credit and pool figures compared").isPositive();
        for (JsonNode pool : answer.get("pools")) {
            assertThat(pool.get("whatIf")).as("pool " + pool.get("district")).isEqualTo(pool.get("actual"));
        }
        for (JsonNode bank : answer.get("banks")) {
            assertThat(bank.get("whatIf")).as("bank " + bank.get("bankId")).isEqualTo(bank.get("actual"));
        }
    }

    private void importAgain() throws IOException {
        csvRows = 0;
        importTheSample();
    }

    /** Every number of the expected point equals the ledger's, field by field. */
    private static void compare(String asOf, String path, JsonNode expected, JsonNode actual) {
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "/" + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                compare(asOf, at, value, actual.get(field.getKey()));
            } else if (value.isNumber()) {
                assertThat(actual.at(at.substring(path.length())).asLong()).as(asOf + " " + at)
                        .isEqualTo(value.asLong());
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 4000 ? text : text.substring(0, 4000) + "…";
    }
}
