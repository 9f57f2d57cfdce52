package cn.cq.fundledger.importer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The promises of an import on the inputs that broke them (issue 11, findings 1, 2 and 4): a file with any
 * unreadable, short or refused row writes nothing; text beyond its limit is refused before it can be stored
 * (and text at the limit passes through every projection); files beyond the bounds are refused with 413.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:import-all-or-nothing;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false",
                "fundledger.import.max-file-size=64KB",
                "fundledger.import.max-bundle-size=160KB",
                "fundledger.import.max-listed-errors=5",
                "fundledger.import.chunk-size=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportAllOrNothingIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOANS = "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,"
            + "term_months,issued_on\n";
    private static final String VALID_LOAN = "L1,B01,E1,渝北区,100000.00,3.45,12,2024-02-01";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    EventStoreProbe store;
    LedgerApi api;

    @BeforeAll
    void setUp() {
        store = new EventStoreProbe(jdbc);
        api = new LedgerApi(http);
        ok(post("risk-sharing", "effective_from,fund_share_pct,bank_id\n2017-01-01,80,\n"));
        ok(post("banks", "bank_id,name\nB01,重庆银行\n"));
        ok(post("evaluations", "enterprise_id,enterprise_name,district,grade,evaluated_on\nE1,企业1,渝北区,C,2024-01-10\n"));
    }

    @Test
    @Order(1)
    void aShortRowBeforeAValidRowWritesNothing() {
        assertRefusedAndNothingWritten(post("loans", LOANS + "L9,B01\n" + VALID_LOAN + "\n"), "short-row", 2);
    }

    @Test
    @Order(2)
    void aShortRowAfterAValidRowWritesNothing() {
        assertRefusedAndNothingWritten(post("loans", LOANS + VALID_LOAN + "\nL9,B01\n"), "short-row", 3);
    }

    @Test
    @Order(3)
    void aStrayCarriageReturnInsideARowWritesNothing() {
        String broken = "L2,B01,E1,渝北区,100000.00,3.45\r12,2024-02-01";
        assertRefusedAndNothingWritten(post("loans", LOANS + VALID_LOAN + "\n" + broken + "\n"), "short-row", null);
    }

    @Test
    @Order(4)
    void aRowWithAnInvalidFieldAndAValidRowWriteNothing() {
        assertRefusedAndNothingWritten(post("loans", LOANS + VALID_LOAN + "\nL3,B01,E1,渝北区,1.234,3.45,12,2024-02-30\n"),
                "amount-format", 3);
    }

    @Test
    @Order(5)
    void aBundleWithOneUnreadableFileWritesNothingOfTheOthers() {
        long before = store.count();
        ResponseEntity<String> response = multipart(Map.of("loans.csv", (LOANS + VALID_LOAN + "\n").getBytes(
                StandardCharsets.UTF_8), "repayments.csv", "repayment_id,loan_id\nR1,L1\n".getBytes(StandardCharsets.UTF_8)));
        JsonNode report = refused(response);
        assertThat(report.get("errors").toString()).contains("missing-column");
        assertThat(store.count()).isEqualTo(before);
        assertThat(api.get("finance", "/api/credit/loans/L1").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void aTenThousandCharacterLoanIdIsRefusedAndNeverReachesTheProjections() {
        String longId = "L".repeat(10_000);
        JsonNode report = assertRefusedAndNothingWritten(post("loans", LOANS + longId + ",B01,E1,渝北区,100000.00,3.45,12,"
                + "2024-02-01\n"), "max-length", 2);
        assertThat(report.get("errors").get(0).get("column").asText()).isEqualTo("loan_id");
        assertThat(report.toString()).doesNotContain(longId);
    }

    @Test
    @Order(7)
    void overLongAndControlCharacterTextIsRefusedByTheApi() {
        long before = store.count();
        LedgerApi.Answer longBank = api.post("operator", "/api/credit/banks", Map.of("bankId", "B".repeat(5_000),
                "name", "银行"));
        assertThat(longBank.status()).isEqualTo(400);
        assertThat(longBank.json().get("field").asText()).isEqualTo("bankId");
        assertThat(longBank.json().get("rule").asText()).isEqualTo("max-length");

        LedgerApi.Answer nul = api.post("operator", "/api/credit/banks", Map.of("bankId", "B77", "name", "银行\u0000"));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("field").asText()).isEqualTo("name");
        assertThat(nul.json().get("rule").asText()).isEqualTo("control-character");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void textAtEveryLimitPassesThroughEveryProjection() {
        String bank = "B".repeat(64);
        String district = "渝".repeat(64);
        String enterprise = "E".repeat(64);
        String name = "某".repeat(200);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("banks.csv", "bank_id,name\n" + bank + "," + name + "\n");
        files.put("evaluations.csv", "enterprise_id,enterprise_name,district,grade,evaluated_on\n" + enterprise + ","
                + name + "," + district + ",A,2024-01-10\n");
        files.put("pool-contributions.csv", "contribution_id,district,source,amount_yuan,contributed_on\n"
                + "C".repeat(64) + "," + district + ",city,1000000.00,2024-01-11\n");
        files.put("loans.csv", LOANS + "L".repeat(64) + "," + bank + "," + enterprise + "," + district
                + ",1000000.00,3.45,12,2024-02-01\n");
        files.put("seed-funds.csv", "fund_id,name,partner,city_share_pct,committed_yuan,established_on\n"
                + "S".repeat(64) + "," + name + "," + name + ",40,50000000.00,2024-01-02\n");
        files.put("seed-investments.csv", "investment_id,fund_id,project_id,enterprise_name,instrument,amount_yuan,"
                + "equity_pct,invested_on\n" + "I".repeat(64) + "," + "S".repeat(64) + "," + "P".repeat(64) + ","
                + name + ",equity,500000.00,5,2024-02-02\n");
        files.put("seed-follow-ons.csv", "round_id,project_id,investor,amount_yuan,post_money_yuan,closed_on\n"
                + "R".repeat(64) + "," + "P".repeat(64) + "," + name + ",3000000.00,30000000.00,2024-03-01\n");
        files.put("equity-commitments.csv", "fund_id,fund_name,partner,committed_yuan,committed_on\n" + "F".repeat(64)
                + "," + name + "," + name + ",400000000.00,2024-01-03\n");
        files.put("equity-calls.csv", "call_id,fund_id,amount_yuan,called_on\n" + "K".repeat(64) + "," + "F".repeat(64)
                + ",300000000.00,2024-01-04\n");
        files.put("equity-deals.csv", "deal_id,fund_id,project_id,company,amount_yuan,stake_pct,closed_on\n"
                + "D".repeat(64) + "," + "F".repeat(64) + "," + "Q".repeat(64) + "," + name + ",24180000.00,5,2024-02-03\n");
        LedgerApi.Answer imported = api.importBundle(files);
        

        LedgerApi.Answer totals = api.get("finance", "/api/totals?asOf=2024-12-31");
        assertThat(totals.status()).isEqualTo(200);
        assertThat(totals.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        assertThat(totals.json().at("/creditLoans/issuedFen").asLong()).isEqualTo(100_000_000L);
        assertThat(api.get("finance", "/api/credit/loans/" + "L".repeat(64)).json().toString()).contains(district);
        assertThat(api.get("auditor", "/api/audit/events?aggregate=kv-credit&size=100").json().toString()).contains(bank);

        // the longest fact key (fund/partner@date) can be named by a correction, and its reversal projected
        LedgerApi.Answer corrected = api.post("operator", "/api/equity/corrections", Map.of("kind", "commitment",
                "factId", "F".repeat(64) + "/" + name + "@2024-01-03", "reason", "理".repeat(500)));
        assertThat(corrected.status()).as(corrected.body()).isIn(200, 201, 422);
        LedgerApi.Answer after = api.get("finance", "/api/totals?asOf=2024-12-31");
        assertThat(after.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
    }

    @Test
    @Order(9)
    void filesBeyondTheBoundsAreRefusedWith413AndWriteNothing() throws Exception {
        long before = store.count();
        StringBuilder big = new StringBuilder(LOANS);
        while (big.length() < 70 * 1024) {
            big.append(VALID_LOAN).append('\n');
        }
        assertTooLarge(post("loans", big.toString()));

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("loans.csv"));
            out.write(new byte[1024 * 1024]); // a megabyte of zeros packs into a few hundred bytes
            out.closeEntry();
        }
        assertThat(zip.size()).isLessThan(16 * 1024);
        assertTooLarge(multipart(Map.of("bundle.zip", zip.toByteArray())));

        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            many.put("part" + i + "/loans.csv", new byte[50 * 1024]);
        }
        ByteArrayOutputStream zips = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zips)) {
            for (var e : many.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        assertTooLarge(multipart(Map.of("bundle.zip", zips.toByteArray())));

        byte[] workbook;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("loans");
            for (int r = 0; r < 3000; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < 8; c++) {
                    row.createCell(c).setCellValue(r == 0 ? "loan_id" + c : "L");
                }
            }
            book.write(out);
            workbook = out.toByteArray();
        }
        assertThat(workbook.length).isLessThan(64 * 1024); // the file is within the bound, its sheet unpacks beyond it
        assertTooLarge(multipart(Map.of("loans.xlsx", workbook)));

        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator");
        headers.setContentType(MediaType.APPLICATION_JSON);
        String hugeJson = "{\"bankId\":\"B9\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertTooLarge(http.exchange("/api/credit/banks", HttpMethod.POST, new HttpEntity<>(hugeJson, headers),
                String.class));
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    @Order(10)
    void aFileWithManyRefusedRowsListsTheFirstAndCountsAll() {
        StringBuilder csv = new StringBuilder(LOANS);
        for (int i = 0; i < 20; i++) {
            csv.append("X").append(i).append(",B01,E1,渝北区,-1,3.45,12,2024-02-01\n");
        }
        JsonNode report = refused(post("loans", csv.toString()));
        assertThat(report.get("errors")).hasSize(5);
        assertThat(report.get("unlistedErrors").asInt()).isEqualTo(15);
        assertThat(report.get("rejected").asInt()).isEqualTo(20);
        assertThat(report.get("detail").asText()).startsWith("20 problem(s)");
    }

    @Test
    @Order(11)
    void aValidFileAfterAllThatIsAppliedInChunksAsOneWhole() {
        long before = store.count();
        JsonNode report = ok(post("loans", LOANS + VALID_LOAN + "\nL5,B01,E1,渝北区,100000.00,3.45,12,2024-02-02\n"
                + "L6,B01,E1,渝北区,100000.00,3.45,12,2024-02-03\n"));
        assertThat(report.get("applied").asInt()).isEqualTo(3);
        assertThat(store.count()).isEqualTo(before + 3);
        assertThat(ok(post("loans", LOANS + VALID_LOAN + "\n")).get("duplicates").asInt()).isEqualTo(1);
    }

    // ------------------------------------------------------------ helpers

    private JsonNode assertRefusedAndNothingWritten(ResponseEntity<String> response, String rule, Integer row) {
        long before = store.count();
        JsonNode report = refused(response);
        assertThat(report.get("errors").toString()).contains("\"rule\":\"" + rule + "\"");
        if (row != null) {
            assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(row);
        }
        assertThat(store.count()).as("events stored by a refused import").isEqualTo(before);
        assertThat(api.get("auditor", "/api/audit/events?size=1").json().get("total").asLong()).isEqualTo(before);
        assertThat(api.get("finance", "/api/credit/loans/L1").status()).isEqualTo(404);
        return report;
    }

    private static void assertTooLarge(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).contains("too-large").doesNotContain("Exception");
    }

    private ResponseEntity<String> post(String kind, String csv) {
        return entity(api.postCsv(kind, csv));
    }

    private ResponseEntity<String> multipart(Map<String, byte[]> files) {
        return entity(api.sendFiles(files));
    }

    private static ResponseEntity<String> entity(LedgerApi.Answer answer) {
        return ResponseEntity.status(answer.status()).headers(answer.headers()).body(answer.body());
    }

    private static JsonNode ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode refused(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode report = json(response);
        assertThat(report.get("applied").asInt()).isZero();
        return report;
    }

    private static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.getBody(), e);
        }
    }
}
