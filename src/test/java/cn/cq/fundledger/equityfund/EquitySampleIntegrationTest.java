package cn.cq.fundledger.equityfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The equity rows of the acceptance sample (shared/acceptance/sample-full/equity-*.csv), written here as they are
 * in the files: each row's snake_case columns become the camelCase fields of the request records, the rows of
 * all four kinds are sent in date order, every one must be accepted, and /api/totals must answer the sample's
 * expected equityFund figures at its seven dates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:equity-sample;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquitySampleIntegrationTest {

    static final String COMMITMENTS = """
            fund_id,fund_name,partner,committed_yuan,committed_on
            EF1,科技成果转化股权投资基金,市级引导基金,400000000.00,2020-05-22
            EF1,科技成果转化股权投资基金,国家引导基金,200000000.00,2020-05-22
            EF1,科技成果转化股权投资基金,社会资本,400000000.00,2020-05-22
            EF2,成渝科创母基金直投,市级引导基金,400000000.00,2020-05-22
            EF2,成渝科创母基金直投,国家引导基金,200000000.00,2020-05-22
            EF2,成渝科创母基金直投,社会资本,400000000.00,2020-05-22
            """;
    static final String CALLS = """
            call_id,fund_id,amount_yuan,called_on
            EF1-C1,EF1,300000000.00,2020-06-30
            EF2-C1,EF2,300000000.00,2020-06-30
            """;
    static final String DEALS = """
            deal_id,fund_id,project_id,company,amount_yuan,stake_pct,closed_on
            ED01,EF1,EP01,科技公司01,24180000.00,5,2023-10-03
            ED02,EF1,EP02,科技公司02,25500000.00,27,2020-09-05
            ED03,EF1,EP03,科技公司03,37930000.00,26,2023-03-25
            ED04,EF1,EP04,科技公司04,34660000.00,27,2021-06-11
            ED05,EF1,EP05,科技公司05,41970000.00,29,2021-04-20
            ED06,EF1,EP06,科技公司06,24650000.00,24,2022-01-13
            ED07,EF2,EP07,科技公司07,16950000.00,26,2022-02-13
            ED08,EF2,EP08,科技公司08,29350000.00,25,2021-02-12
            ED09,EF2,EP09,科技公司09,12600000.00,16,2022-04-16
            """;
    static final String EXITS = """
            exit_id,deal_id,proceeds_yuan,exited_on
            EX03,ED03,75860000.00,2024-08-06
            """;

    @Autowired
    TestRestTemplate http;

    LedgerApi api;

    @BeforeAll
    void importInDateOrder() {
        api = new LedgerApi(http);
        List<Row> rows = new ArrayList<>();
        rows.addAll(rows(COMMITMENTS, "committedOn", r -> "/api/equity/commitments"));
        rows.addAll(rows(CALLS, "calledOn", r -> "/api/equity/funds/" + r.get("fundId") + "/calls"));
        rows.addAll(rows(DEALS, "closedOn", r -> "/api/equity/deals"));
        rows.addAll(rows(EXITS, "exitedOn", r -> "/api/equity/deals/" + r.get("dealId") + "/exits"));
        rows.sort(Comparator.comparing(Row::date));
        for (Row row : rows) {
            Answer answer = api.post("operator", row.path(), row.fields());
            assertThat(answer.status()).as(row + ": " + answer.body()).isEqualTo(201);
        }
    }

    @ParameterizedTest(name = "as of {0}: {1} projects, {2} fen")
    @CsvSource({"2018-12-31, 0, 0", "2020-06-30, 0, 0", "2021-03-14, 2, 5485000000", "2021-03-15, 2, 5485000000",
            "2022-12-31, 7, 18568000000", "2024-04-14, 9, 24779000000", "2025-12-31, 9, 24779000000"})
    void theTotalsMatchTheSample(String asOf, long projects, long investedFen) {
        JsonNode totals = api.totals(asOf);
        assertThat(totals.at("/equityFund/projects").asLong()).isEqualTo(projects);
        assertThat(totals.at("/equityFund/investedFen").asLong()).isEqualTo(investedFen);
    }

    @Test
    void theFundsOfTheSample() {
        JsonNode report = api.get("finance", "/api/reports/equity/funds?asOf=2025-12-31").json();
        JsonNode ef1 = report.get("funds").get(0);
        assertThat(ef1.get("committedFen").asLong()).isEqualTo(100_000_000_000L);
        assertThat(ef1.get("calledFen").asLong()).isEqualTo(30_000_000_000L);
        assertThat(ef1.get("investedFen").asLong()).isEqualTo(18_889_000_000L);
        assertThat(ef1.get("proceedsFen").asLong()).isEqualTo(7_586_000_000L);
        assertThat(ef1.get("undistributedFen").asLong()).isEqualTo(7_586_000_000L);
        // no marks in the sample: the five live deals at cost, 188.89M − ED03's 37.93M
        assertThat(ef1.get("navFen").asLong()).isEqualTo(15_096_000_000L);
        assertThat(ef1.get("unmarkedDeals").asLong()).isEqualTo(5);
        assertThat(ef1.get("dpi").asText()).isEqualTo("0.0000");
        assertThat(ef1.get("tvpi").asText()).isEqualTo("0.5032");
        assertThat(ef1.get("partners").findValues("calledFen")).extracting(JsonNode::asLong)
                .containsExactly(12_000_000_000L, 6_000_000_000L, 12_000_000_000L);
        JsonNode ef2 = report.get("funds").get(1);
        assertThat(ef2.get("investedFen").asLong()).isEqualTo(5_890_000_000L);
        assertThat(ef2.get("tvpi").asText()).isEqualTo("0.1963");
        assertThat(report.at("/total/investedFen").asLong()).isEqualTo(24_779_000_000L);
        assertThat(report.at("/total/projects").asLong()).isEqualTo(9);
    }

    record Row(String date, String path, Map<String, String> fields) {
    }

    private static List<Row> rows(String csv, String dateField, java.util.function.Function<Map<String, String>,
            String> path) {
        List<String> lines = csv.strip().lines().toList();
        String[] header = lines.get(0).split(",");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                fields.put(camelCase(header[i]), cells[i]);
            }
            rows.add(new Row(fields.get(dateField), path.apply(fields), fields));
        }
        return rows;
    }

    private static String camelCase(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
