package cn.cq.fundledger.importer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Operators' files: all or nothing, safe to re-send, UTF-8/GBK/XLSX, every bad row reported. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:imports;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOANS_HEADER =
            "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,term_months,issued_on\n";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    EventStoreProbe store;

    @BeforeAll
    void setUp() {
        store = new EventStoreProbe(jdbc);
    }

    @Test
    @Order(1)
    void banksAndRatiosFromCsvBodies() {
        JsonNode banks = ok(post("banks", "bank_id,name\nB01,重庆农村商业银行\nB02,重庆银行\n"));
        assertThat(banks.get("kind").asText()).isEqualTo("banks");
        assertThat(banks.get("rows").asInt()).isEqualTo(2);
        assertThat(banks.get("applied").asInt()).isEqualTo(2);
        assertThat(banks.get("duplicates").asInt()).isZero();
        assertThat(banks.get("rejected").asInt()).isZero();
        assertThat(banks.get("errors")).isEmpty();
        // columns in any order; an empty bank_id means all banks
        ok(post("risk-sharing", "fund_share_pct,bank_id,effective_from\n80,,2017-01-01\n"));
    }

    @Test
    @Order(2)
    void aGbkFileAsExcelInChinaWritesIt() {
        String csv = "enterprise_id,enterprise_name,district,grade,evaluated_on\r\n"
                + "E1,重庆某某科技有限公司,渝北区,C,2023-01-10\r\n"
                + "E2,两江新区智能制造公司,江津区,A,2023-01-10\r\n";
        JsonNode report = ok(postBytes("evaluations", csv.getBytes(Charset.forName("GBK")), "text/csv"));
        assertThat(report.get("applied").asInt()).isEqualTo(2);
        JsonNode evaluations = get("/api/credit/enterprises/E1/evaluations");
        assertThat(evaluations.get(0).get("enterpriseName").asText()).isEqualTo("重庆某某科技有限公司");
        assertThat(evaluations.get(0).get("district").asText()).isEqualTo("渝北区");
    }

    @Test
    @Order(3)
    void anXlsxWorkbookAsAMultipartFile() throws Exception {
        byte[] xlsx = workbook(List.of(
                List.of("loan_id", "bank_id", "enterprise_id", "district", "principal_yuan", "annual_rate_pct",
                        "term_months", "issued_on"),
                List.of("L1", "B01", "E1", "渝北区", 1_000_000.5, 3.65, 12, java.time.LocalDate.of(2023, 2, 1))));
        JsonNode report = ok(multipart("/api/imports/loans", Map.of("loans.xlsx", xlsx)));
        assertThat(report.get("applied").asInt()).isEqualTo(1);
        JsonNode loan = get("/api/credit/loans/L1");
        assertThat(loan.get("principalFen").asLong()).isEqualTo(100_000_050L);
        assertThat(loan.get("annualRateBp").asInt()).isEqualTo(365);
        assertThat(loan.get("issuedOn").asText()).isEqualTo("2023-02-01");
    }

    @Test
    @Order(4)
    void aFileWithBadRowsInTheMiddleWritesNothingAndListsEveryBadRow() {
        long before = store.count();
        String csv = LOANS_HEADER
                + "L2,B01,E2,江津区,100000.00,3.65,12,2023-03-01\n"     // row 2: fine
                + "L3,B01,E2,江津区,100000.00,3.65,12,2023-02-30\n"     // row 3: wrong date
                + "L4,B01,E2,江津区,12.345,3.65,12,2023-03-01\n"        // row 4: three decimals
                + "L5,B01,E2,江津区,-5,3.65,12,2023-03-01\n"            // row 5: negative
                + "L6,B99,E2,江津区,100000.00,3.65,12,2023-03-01\n"     // row 6: unknown bank
                + "L7,B01,E2,江津区,100000.00,3.65,twelve,2023-03-01\n" // row 7: text in a number
                + "L8,B01,E2,江津区,200000.00,3.65,12,2023-03-02\n";    // row 8: fine
        ResponseEntity<String> response = post("loans", csv);
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode report = json(response);
        assertThat(report.get("rows").asInt()).isEqualTo(7);
        assertThat(report.get("applied").asInt()).isZero();
        assertThat(report.get("rejected").asInt()).isEqualTo(5);
        assertThat(report.get("errors").findValues("row")).extracting(JsonNode::asInt).containsExactly(3, 4, 5, 6, 7);
        assertThat(report.get("errors").findValuesAsText("column"))
                .containsExactly("issued_on", "principal_yuan", "principal_yuan", "bank_id", "term_months");
        assertThat(store.count()).isEqualTo(before);
        assertThat(getStatus("/api/credit/loans/L2")).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aRolledBackFileLeavesNoTraceInTheProgramsState() {
        // L2 was fine in the refused file: it was rolled back with it, so it is new now, not a duplicate
        JsonNode report = ok(post("loans", LOANS_HEADER + "L2,B01,E2,江津区,100000.00,3.65,12,2023-03-01\n"));
        assertThat(report.get("applied").asInt()).isEqualTo(1);
        assertThat(report.get("duplicates").asInt()).isZero();
        assertThat(get("/api/credit/loans/L2").get("principalFen").asLong()).isEqualTo(10_000_000L);
    }

    @Test
    @Order(6)
    void aFileCutInHalfAndSentAgainWholeRecordsEveryFactOnce() {
        String first = LOANS_HEADER + "L10,B01,E2,江津区,100000.00,3.65,12,2023-03-01\n"
                + "L11,B01,E2,江津区,100000.00,3.65,12,2023-03-02\n";
        String whole = first + "L12,B02,E2,江津区,100000.00,3.65,12,2023-03-03\n"
                + "L13,B02,E2,江津区,100000.00,3.65,12,2023-03-04\n";
        assertThat(ok(post("loans", first)).get("applied").asInt()).isEqualTo(2);
        JsonNode again = ok(post("loans", whole));
        assertThat(again.get("applied").asInt()).isEqualTo(2);
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        JsonNode thrice = ok(post("loans", whole));
        assertThat(thrice.get("applied").asInt()).isZero();
        assertThat(thrice.get("duplicates").asInt()).isEqualTo(4);
        Long loans = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%LoanIssued'",
                Long.class);
        assertThat(loans).isEqualTo(6); // L1, L2 and L10..L13
    }

    @Test
    @Order(7)
    void theSameIdWithOtherContentIsRefused() {
        long before = store.count();
        ResponseEntity<String> response = post("loans", LOANS_HEADER + "L10,B01,E2,江津区,100001.00,3.65,12,2023-03-01\n");
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(2);
        assertThat(error.get("column").asText()).isEqualTo("loan_id");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void headerProblemsEmptyFilesAndGarbageAreRefusedClearly() {
        long before = store.count();
        JsonNode missing = refused(post("loans", "loan_id,bank_id\nL99,B01\n"));
        assertThat(missing.get("errors").findValuesAsText("column")).contains("enterprise_id", "issued_on");
        assertThat(missing.get("errors").findValuesAsText("message")).anyMatch(m -> m.contains("missing column"));
        JsonNode unknown = refused(post("banks", "bank_id,name,colour\nB09,某银行,red\n"));
        assertThat(unknown.get("errors").get(0).get("column").asText()).isEqualTo("colour");
        JsonNode empty = refused(postBytes("banks", new byte[0], "text/csv"));
        assertThat(empty.get("errors").get(0).get("message").asText()).contains("empty");
        byte[] garbage = new byte[50 * 1024 * 1024];
        new Random(7).nextBytes(garbage);
        JsonNode noise = refused(postBytes("loans", garbage, "text/csv"));
        assertThat(noise.get("errors")).isNotEmpty();
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    @Order(9)
    void aBundleAppliesRowsOfAllKindsInBusinessDateOrder() throws Exception {
        // the repayment file comes first but its row applies after the loan it repays
        String repayments = "repayment_id,loan_id,principal_yuan,interest_yuan,paid_on\nR20,L20,50000.00,900.00,2023-08-01\n";
        String loans = LOANS_HEADER + "L20,B01,E1,渝北区,50000.00,3.65,6,2023-02-05\n";
        String contributions = "contribution_id,district,source,amount_yuan,contributed_on\nC1,渝北区,city,1万,2023-01-01\n";
        JsonNode report = ok(multipart("/api/imports", Map.of("repayments.csv", repayments.getBytes(StandardCharsets.UTF_8),
                "loans.csv", loans.getBytes(StandardCharsets.UTF_8),
                "pool-contributions.csv", contributions.getBytes(StandardCharsets.UTF_8))));
        assertThat(report.get("files").asInt()).isEqualTo(3);
        assertThat(report.get("applied").asInt()).isEqualTo(3);
        assertThat(report.get("kinds").findValuesAsText("kind"))
                .containsExactlyInAnyOrder("repayments", "loans", "pool-contributions");
        assertThat(get("/api/credit/loans/L20").get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    @Order(10)
    void aZippedBundleWithABadRowIsRefusedNamingFileAndRow() throws Exception {
        long before = store.count();
        String loans = LOANS_HEADER + "L30,B01,E1,渝北区,50000.00,3.65,6,2023-02-05\n";
        String repayments = "repayment_id,loan_id,principal_yuan,interest_yuan,paid_on\nR30,L30,60000.00,0,2023-08-01\n";
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("bundle/loans.csv"));
            out.write(loans.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("bundle/repayments.csv"));
            out.write(repayments.getBytes(StandardCharsets.UTF_8));
        }
        ResponseEntity<String> response = multipart("/api/imports", Map.of("history.zip", zip.toByteArray()));
        JsonNode report = refused(response);
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("repayments.csv");
        assertThat(error.get("row").asInt()).isEqualTo(2);
        assertThat(error.get("column").asText()).isEqualTo("principal_yuan");
        assertThat(store.count()).isEqualTo(before);
        assertThat(getStatus("/api/credit/loans/L30")).isEqualTo(404);
    }

    @Test
    @Order(11)
    void templatesAndKindsCanBeDownloaded() {
        HttpHeaders headers = auth();
        ResponseEntity<byte[]> csv = http.exchange("/api/imports/templates/loans.csv", HttpMethod.GET,
                new HttpEntity<>(headers), byte[].class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(new String(csv.getBody(), StandardCharsets.UTF_8)).contains(LOANS_HEADER.strip());
        ResponseEntity<byte[]> xlsx = http.exchange("/api/imports/templates/guided-loans.xlsx", HttpMethod.GET,
                new HttpEntity<>(headers), byte[].class);
        assertThat(xlsx.getBody()).startsWith((byte) 'P', (byte) 'K');
        assertThat(TableReader.read("guided-loans.xlsx", xlsx.getBody()).header())
                .containsExactly("loan_id", "bank_id", "enterprise_id", "district", "principal_yuan", "issued_on");
        assertThat(get("/api/imports/kinds").has("pool-contributions")).isTrue();
        assertThat(getStatus("/api/imports/templates/nothing.csv")).isEqualTo(404);
    }

    @Test
    @Order(12)
    void onlyOperatorsImport() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("finance", "finance");
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        int status = http.exchange("/api/imports/banks", HttpMethod.POST, new HttpEntity<>("bank_id,name\n", headers),
                String.class).getStatusCode().value();
        assertThat(status).isEqualTo(403);
    }

    // ------------------------------------------------------------ helpers

    private ResponseEntity<String> post(String kind, String csv) {
        return postBytes(kind, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    private ResponseEntity<String> postBytes(String kind, byte[] body, String type) {
        HttpHeaders headers = auth();
        headers.setContentType(MediaType.parseMediaType(type));
        return http.exchange("/api/imports/" + kind, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> multipart(String path, Map<String, byte[]> files) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        files.forEach((name, bytes) -> parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = auth();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
    }

    private JsonNode get(String path) {
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth()), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json(response);
    }

    private int getStatus(String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth()), String.class).getStatusCode().value();
    }

    private static HttpHeaders auth() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator");
        return headers;
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

    private static byte[] workbook(List<List<Object>> rows) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("loans");
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    var cell = row.createCell(c);
                    if (value instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (value instanceof java.time.LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(dateStyle);
                    } else {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
