package cn.cq.fundledger.equityfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import cn.cq.fundledger.system.ProjectionConsistency;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two equity funds recorded over the REST API, and every figure of the equity reports, the read endpoints and
 * /api/totals checked against values computed by hand from the history below.
 *
 * <p>EF1: 市级引导基金 4亿, 国家引导基金 2亿, 社会资本 4亿 (2020-05-22); the national fund raises by 1亿 on
 * 2021-01-10. Calls: 3亿 on 2020-06-30 (1.2亿 / 0.6亿 / 1.2亿) and 1亿 on 2021-03-01, pro rata to 4:3:4 =
 * 36,363,636.36.. / 27,272,727.27.. / 36,363,636.36..: one odd fen, to the first of the two equal largest
 * remainders, so 36,363,636.37 / 27,272,727.27 / 36,363,636.36. Paid in: 156,363,636.37 / 87,272,727.27 /
 * 156,363,636.36 = 4亿. Deals: D11 (PA) 8000万 2020-09-01, D12 (PB) 1.5亿 2021-04-01, D13 (PC) 5000万 2021-06-01.
 * Marks: D11 1.2亿 2021-12-31 and 1.6亿 2022-12-31, D12 1.2亿 2022-06-30; D13 never. Exits: 25% of D11 for
 * 5000万 on 2023-03-01 (cost 2000万), D12 in full for 3亿 on 2023-06-30. Distribution 1.5亿 on 2023-07-15 pro
 * rata to paid-in = 58,636,363.63875 / 32,727,272.72625 / 58,636,363.635: two odd fen, to the two largest
 * remainders: 58,636,363.64 / 32,727,272.73 / 58,636,363.63.
 *
 * <p>EF2: 甲, 乙, 丙 1000万 each (2021-01-05). Call 1000万 on 2021-02-01: 3,333,333.34 / .33 / .33. Deals: D21
 * (PB, the project EF1's D12 also invested in) 600万 2021-05-01, D22 (PD) 400万 2021-08-01. Mark D21 900万
 * 2022-06-30. Exits of D22: 50% for 300万 on 2023-02-01, the other 50% for 100万 on 2023-09-01 (cost 200万 each).
 * Distributions: 100.00 yuan on 2023-10-01 (33.34 / 33.33 / 33.33) and the rest, 3,999,900.00, on 2023-10-02
 * (1,333,300.00 each).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:equity-reports;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EquityReportsIntegrationTest {

    private static final long YUAN = 100L;
    private static final long WAN = 10_000L * YUAN;
    private static final long YI = 10_000L * WAN;
    private static final String CITY = "市级引导基金";
    private static final String NATIONAL = "国家引导基金";
    private static final String PRIVATE = "社会资本";
    private static final String AS_OF = "2023-12-31";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionConsistency consistency;

    LedgerApi api;

    @BeforeAll
    void recordHistory() {
        api = new LedgerApi(http);
        for (String[] c : new String[][]{{CITY, "4亿"}, {NATIONAL, "2亿"}, {PRIVATE, "4亿"}}) {
            created(commitment("EF1", "科技成果转化股权投资基金", c[0], c[1], "2020-05-22"));
        }
        for (String partner : List.of("甲", "乙", "丙")) {
            created(commitment("EF2", "成渝科创母基金直投", partner, "1000万", "2021-01-05"));
        }
        created(call("EF1", "EF1-C1", "300000000.00", "2020-06-30"));
        created(deal("D11", "EF1", "PA", "8000万", 20, "2020-09-01"));
        created(commitment("EF1", "科技成果转化股权投资基金", NATIONAL, "1亿", "2021-01-10"));
        created(call("EF2", "EF2-C1", "1000万", "2021-02-01"));
        created(call("EF1", "EF1-C2", "1亿", "2021-03-01"));
        created(deal("D12", "EF1", "PB", "1.5亿", 30, "2021-04-01"));
        created(deal("D21", "EF2", "PB", "600万", 5, "2021-05-01"));
        created(deal("D13", "EF1", "PC", "5000万", 10, "2021-06-01"));
        created(deal("D22", "EF2", "PD", "400万", 8, "2021-08-01"));
        created(mark("D11", "1.2亿", "last_round", "2021-12-31"));
        created(mark("D12", "1.2亿", "appraisal", "2022-06-30"));
        created(mark("D21", "900万", "last_round", "2022-06-30"));
        created(mark("D11", "1.6亿", "appraisal", "2022-12-31"));
        created(exit("D22", "X22a", "300万", "2023-02-01", "50"));
        created(exit("D11", "X11", "5000万", "2023-03-01", "25"));
        created(exit("D12", "X12", "3亿", "2023-06-30", null));
        created(distribution("EF1", "DS1", "1.5亿", "2023-07-15"));
        created(exit("D22", "X22b", "100万", "2023-09-01", "50"));
        created(distribution("EF2", "DS21", "100.00", "2023-10-01"));
        created(distribution("EF2", "DS22", "3999900.00", "2023-10-02"));
    }

    // ------------------------------------------------------------------ /api/totals

    @Test
    void totalsCountDistinctProjectsAndSumDealAmountsOfBothFunds() {
        assertEquity(api.totals("2020-08-31"), 0, 0);
        assertEquity(api.totals("2020-09-01"), 1, 8000 * WAN);
        assertEquity(api.totals("2021-04-30"), 2, 23_000 * WAN);
        // D21 invests in PB again (from EF2): one more deal, no more projects
        assertEquity(api.totals("2021-05-01"), 2, 23_600 * WAN);
        JsonNode end = api.totals(AS_OF);
        assertEquity(end, 4, 29_000 * WAN);
        assertThat(end.at("/equityFund/invested").asText()).isEqualTo("2.9亿");
        // exits do not reduce what was invested
        assertEquity(api.totals("2030-01-01"), 4, 29_000 * WAN);
    }

    // ------------------------------------------------------------------ fund reports

    @Test
    void firstFundAtTheEndOfTheHistory() {
        JsonNode f = report("/api/reports/equity/funds/EF1?asOf=" + AS_OF);
        assertThat(f.get("name").asText()).isEqualTo("科技成果转化股权投资基金");
        assertThat(f.get("establishedOn").asText()).isEqualTo("2020-05-22");
        assertThat(f.get("committedFen").asLong()).isEqualTo(11 * YI);
        assertThat(f.get("calledFen").asLong()).isEqualTo(4 * YI);
        assertThat(f.get("uncalledFen").asLong()).isEqualTo(7 * YI);
        assertThat(f.get("investedFen").asLong()).isEqualTo(28_000 * WAN);
        assertThat(f.get("deals").asLong()).isEqualTo(3);
        assertThat(f.get("projects").asLong()).isEqualTo(3);
        assertThat(f.get("exitedCostFen").asLong()).isEqualTo(17_000 * WAN);
        assertThat(f.get("proceedsFen").asLong()).isEqualTo(35_000 * WAN);
        assertThat(f.get("distributedFen").asLong()).isEqualTo(15_000 * WAN);
        assertThat(f.get("undistributedFen").asLong()).isEqualTo(20_000 * WAN);
        // D11: 1.6亿 marked when all was held, 75% held now = 1.2亿; D12 exited; D13 at cost 5000万
        assertThat(f.get("navFen").asLong()).isEqualTo(17_000 * WAN);
        assertThat(f.get("unmarkedDeals").asLong()).isEqualTo(1);
        assertThat(f.get("dpi").asText()).isEqualTo("0.3750");
        assertThat(f.get("tvpi").asText()).isEqualTo("0.8000");
        JsonNode partners = f.get("partners");
        assertThat(partners).hasSize(3);
        assertPartner(partners.get(0), CITY, 4 * YI, 15_636_363_637L, 5_863_636_364L, "0.3750");
        assertPartner(partners.get(1), NATIONAL, 3 * YI, 8_727_272_727L, 3_272_727_273L, "0.3750");
        assertPartner(partners.get(2), PRIVATE, 4 * YI, 15_636_363_636L, 5_863_636_363L, "0.3750");
    }

    @Test
    void firstFundAsOfEarlierDates() {
        JsonNode end2022 = report("/api/reports/equity/funds/EF1?asOf=2022-12-31");
        // D11 1.6亿 (marked that very day), D12 1.2亿, D13 at cost 5000万
        assertThat(end2022.get("navFen").asLong()).isEqualTo(33_000 * WAN);
        assertThat(end2022.get("distributedFen").asLong()).isZero();
        assertThat(end2022.get("dpi").asText()).isEqualTo("0.0000");
        assertThat(end2022.get("tvpi").asText()).isEqualTo("0.8250");
        JsonNode mid2021 = report("/api/reports/equity/funds/EF1?asOf=2021-06-30");
        assertThat(mid2021.get("committedFen").asLong()).isEqualTo(11 * YI);
        assertThat(mid2021.get("navFen").asLong()).isEqualTo(28_000 * WAN);
        assertThat(mid2021.get("unmarkedDeals").asLong()).isEqualTo(3);
        assertThat(mid2021.get("tvpi").asText()).isEqualTo("0.7000");
        JsonNode end2020 = report("/api/reports/equity/funds/EF1?asOf=2020-12-31");
        assertThat(end2020.get("committedFen").asLong()).isEqualTo(10 * YI);
        assertThat(end2020.get("calledFen").asLong()).isEqualTo(3 * YI);
        assertThat(end2020.get("investedFen").asLong()).isEqualTo(8000 * WAN);
        assertPartner(end2020.get("partners").get(1), NATIONAL, 2 * YI, 6000 * WAN, 0, "0.0000");
        JsonNode beforeCall = report("/api/reports/equity/funds/EF1?asOf=2020-06-29");
        assertThat(beforeCall.get("calledFen").asLong()).isZero();
        assertThat(beforeCall.get("dpi").isNull()).isTrue();
        assertThat(beforeCall.get("tvpi").isNull()).isTrue();
    }

    @Test
    void secondFundAtTheEndOfTheHistory() {
        JsonNode f = report("/api/reports/equity/funds/EF2?asOf=" + AS_OF);
        assertThat(f.get("committedFen").asLong()).isEqualTo(3000 * WAN);
        assertThat(f.get("calledFen").asLong()).isEqualTo(1000 * WAN);
        assertThat(f.get("uncalledFen").asLong()).isEqualTo(2000 * WAN);
        assertThat(f.get("investedFen").asLong()).isEqualTo(1000 * WAN);
        assertThat(f.get("deals").asLong()).isEqualTo(2);
        assertThat(f.get("projects").asLong()).isEqualTo(2);
        assertThat(f.get("exitedCostFen").asLong()).isEqualTo(400 * WAN);
        assertThat(f.get("proceedsFen").asLong()).isEqualTo(400 * WAN);
        assertThat(f.get("distributedFen").asLong()).isEqualTo(400 * WAN);
        assertThat(f.get("undistributedFen").asLong()).isZero();
        assertThat(f.get("navFen").asLong()).isEqualTo(900 * WAN);
        assertThat(f.get("unmarkedDeals").asLong()).isZero();
        assertThat(f.get("dpi").asText()).isEqualTo("0.4000");
        assertThat(f.get("tvpi").asText()).isEqualTo("1.3000");
        JsonNode partners = f.get("partners");
        assertPartner(partners.get(0), "甲", 1000 * WAN, 333_333_334L, 133_333_334L, "0.4000");
        assertPartner(partners.get(1), "乙", 1000 * WAN, 333_333_333L, 133_333_333L, "0.4000");
        assertPartner(partners.get(2), "丙", 1000 * WAN, 333_333_333L, 133_333_333L, "0.4000");
    }

    @Test
    void allFundsAndTheirTotalMatchTheTotals() {
        JsonNode report = report("/api/reports/equity/funds?asOf=" + AS_OF);
        assertThat(report.get("funds").findValuesAsText("fundId")).containsExactly("EF1", "EF2");
        JsonNode total = report.get("total");
        assertThat(total.get("funds").asLong()).isEqualTo(2);
        assertThat(total.get("committedFen").asLong()).isEqualTo(113_000 * WAN);
        assertThat(total.get("calledFen").asLong()).isEqualTo(41_000 * WAN);
        assertThat(total.get("investedFen").asLong()).isEqualTo(29_000 * WAN);
        assertThat(total.get("deals").asLong()).isEqualTo(5);
        assertThat(total.get("projects").asLong()).isEqualTo(4);
        assertThat(total.get("exitedCostFen").asLong()).isEqualTo(17_400 * WAN);
        assertThat(total.get("proceedsFen").asLong()).isEqualTo(35_400 * WAN);
        assertThat(total.get("distributedFen").asLong()).isEqualTo(15_400 * WAN);
        assertThat(total.get("undistributedFen").asLong()).isEqualTo(20_000 * WAN);
        assertThat(total.get("navFen").asLong()).isEqualTo(17_900 * WAN);
        assertThat(total.get("dpi").asText()).isEqualTo("0.3756");   // 1.54 / 4.1
        assertThat(total.get("tvpi").asText()).isEqualTo("0.8122");  // 3.33 / 4.1
        for (String asOf : List.of("2021-05-01", "2022-06-30", AS_OF)) {
            JsonNode t = report("/api/reports/equity/funds?asOf=" + asOf).get("total");
            JsonNode published = api.totals(asOf).get("equityFund");
            assertThat(t.get("investedFen").asLong()).as(asOf).isEqualTo(published.get("investedFen").asLong());
            assertThat(t.get("projects").asLong()).as(asOf).isEqualTo(published.get("projects").asLong());
        }
    }

    @Test
    void aFundIsListedFromItsEstablishment() {
        JsonNode report = report("/api/reports/equity/funds?asOf=2020-12-31");
        assertThat(report.get("funds").findValuesAsText("fundId")).containsExactly("EF1");
        JsonNode ef2 = report("/api/reports/equity/funds/EF2?asOf=2020-12-31");
        assertThat(ef2.get("committedFen").asLong()).isZero();
        assertThat(ef2.get("partners")).isEmpty();
    }

    @Test
    void partnersAddUpToTheirFund() {
        for (String asOf : List.of("2021-03-01", "2023-07-15", AS_OF)) {
            JsonNode report = report("/api/reports/equity/funds?asOf=" + asOf);
            for (JsonNode fund : report.get("funds")) {
                for (String field : List.of("committedFen", "calledFen", "uncalledFen", "distributedFen")) {
                    long sum = 0;
                    for (JsonNode partner : fund.get("partners")) {
                        sum += partner.get(field).asLong();
                    }
                    assertThat(sum).as(fund.get("fundId").asText() + " " + field + " " + asOf)
                            .isEqualTo(fund.get(field).asLong());
                }
            }
        }
    }

    @Test
    void theEventsBehindEveryFigureOfEveryFundAndPartnerAddUpToIt() {
        long mostEvents = 0;
        for (String asOf : List.of("2021-03-01", "2023-07-15", AS_OF)) {
            JsonNode report = report("/api/reports/equity/funds?asOf=" + asOf);
            assertThat(report.get("funds")).isNotEmpty();
            for (JsonNode fund : report.get("funds")) {
                String fundId = fund.get("fundId").asText();
                for (String figure : List.of("committedFen", "calledFen", "uncalledFen", "investedFen", "deals",
                        "projects", "exitedCostFen", "proceedsFen", "distributedFen", "undistributedFen", "navFen",
                        "unmarkedDeals")) {
                    String path = "/api/reports/equity/funds/" + fundId + "/explain?figure=" + figure + "&asOf=" + asOf;
                    assertThat(explainedSum(path)).as(fundId + " " + figure + " " + asOf)
                            .isEqualTo(fund.get(figure).asLong());
                    mostEvents = Math.max(mostEvents, report(path + "&size=3").get("events").asLong());
                }
                for (String ratio : List.of("dpi", "tvpi")) {
                    assertRatio("/api/reports/equity/funds/" + fundId + "/explain?figure=" + ratio + "&asOf=" + asOf,
                            fund.get(ratio));
                }
                assertThat(fund.get("partners")).isNotEmpty();
                for (JsonNode partner : fund.get("partners")) {
                    String name = partner.get("partner").asText();
                    String path = "/api/reports/equity/funds/" + fundId + "/explain?partner=" + name + "&asOf=" + asOf;
                    for (String figure : List.of("committedFen", "calledFen", "uncalledFen", "distributedFen")) {
                        long sum = explainedSum(path + "&figure=" + figure);
                        assertThat(sum).as(fundId + " " + name + " " + figure + " " + asOf)
                                .isEqualTo(partner.get(figure).asLong());
                    }
                    assertRatio(path + "&figure=dpi", partner.get("dpi"));
                }
            }
        }
        assertThat(mostEvents).as("some figure spans several pages").isGreaterThan(3);
    }

    @Test
    void theEventsBehindEveryFigureOfTheFundsTotalAddUpToIt() {
        for (String asOf : List.of("2021-05-01", AS_OF)) {
            JsonNode total = report("/api/reports/equity/funds?asOf=" + asOf).get("total");
            for (String figure : List.of("funds", "committedFen", "calledFen", "uncalledFen", "investedFen", "deals",
                    "projects", "exitedCostFen", "proceedsFen", "distributedFen", "undistributedFen", "navFen",
                    "unmarkedDeals")) {
                assertThat(explainedSum("/api/reports/equity/funds/explain?figure=" + figure + "&asOf=" + asOf))
                        .as("total " + figure + " " + asOf).isEqualTo(total.get(figure).asLong());
            }
            for (String ratio : List.of("dpi", "tvpi")) {
                assertRatio("/api/reports/equity/funds/explain?figure=" + ratio + "&asOf=" + asOf, total.get(ratio));
            }
        }
        // PB is invested in by both funds: counted once, through the first deal in it (D12)
        JsonNode projects = report("/api/reports/equity/funds/explain?figure=projects&asOf=" + AS_OF);
        assertThat(projects.get("parts").findValuesAsText("factId")).containsExactly("D11", "D12", "D13", "D22");
    }

    @Test
    void theEventsBehindEveryFigureOfTheDealBookAndOfEachDealAddUpToIt() {
        for (String fund : List.of("", "&fund=EF1", "&fund=EF2")) {
            JsonNode book = report("/api/reports/equity/deals?asOf=" + AS_OF + fund);
            for (String figure : List.of("amountFen", "exitedCostFen", "costHeldFen", "proceedsFen", "navFen")) {
                assertThat(explainedSum("/api/reports/equity/deals/explain?figure=" + figure + "&asOf=" + AS_OF + fund))
                        .as("book " + fund + " " + figure).isEqualTo(book.get(figure).asLong());
            }
            for (JsonNode row : book.get("rows")) {
                String deal = row.get("dealId").asText();
                for (String figure : List.of("amountFen", "exitedCostFen", "costHeldFen", "proceedsFen", "navFen",
                        "heldBp", "stakeBp")) {
                    assertThat(explainedSum("/api/reports/equity/deals/explain?figure=" + figure + "&deal=" + deal
                            + "&asOf=" + AS_OF)).as(deal + " " + figure).isEqualTo(row.get(figure).asLong());
                }
            }
        }
    }

    @Test
    void theNavIsExplainedByTheMarkOrClosingInForceForEachDealHeld() {
        JsonNode nav = report("/api/reports/equity/funds/EF1/explain?figure=navFen&asOf=" + AS_OF);
        assertThat(nav.get("parts").findValuesAsText("kind")).containsExactly("DEAL", "MARK");
        assertThat(nav.get("parts").findValuesAsText("factId")).containsExactly("D13", "D11@2022-12-31");
        // D11: 1.6亿 marked when all was held, 75% held now
        JsonNode d11 = nav.at("/parts/1/valuation");
        assertThat(d11.get("markValueFen").asLong()).isEqualTo(16_000 * WAN);
        assertThat(d11.get("heldBp").asInt()).isEqualTo(7500);
        assertThat(d11.get("heldAtMarkBp").asInt()).isEqualTo(10_000);
        assertThat(nav.at("/parts/1/amount").asLong()).isEqualTo(12_000 * WAN);
        assertThat(nav.get("formula").asText()).startsWith("navFen = ");
        JsonNode book = report("/api/reports/equity/deals?asOf=" + AS_OF + "&fund=EF1");
        assertThat(book.at("/rows/0/navEventId").asText()).isEqualTo(nav.at("/parts/1/eventId").asText());
    }

    /**
     * A ratio's explanation: its formula, its value as the report prints it, and components whose events add up to
     * them (over all pages), from which the ratio recomputes.
     */
    private void assertRatio(String path, JsonNode printed) {
        JsonNode explanation = report(path);
        assertThat(explanation.get("formula").asText()).as(path).contains(" / calledFen");
        assertThat(explanation.get("value").isNull() ? null : explanation.get("value").asText()).as(path)
                .isEqualTo(printed.isNull() ? null : printed.asText());
        long numerator = 0;
        long paidIn = 0;
        for (JsonNode component : explanation.get("components")) {
            String figure = component.get("figure").asText();
            String componentPath = path.replaceAll("figure=[a-z]+", "figure=" + figure);
            assertThat(explainedSum(componentPath)).as(componentPath).isEqualTo(component.get("value").asLong());
            if (figure.equals("calledFen")) {
                paidIn = component.get("value").asLong();
            } else {
                numerator += component.get("value").asLong();
            }
        }
        String recomputed = paidIn == 0 ? null : java.math.BigDecimal.valueOf(numerator)
                .divide(java.math.BigDecimal.valueOf(paidIn), 4, java.math.RoundingMode.HALF_EVEN).toPlainString();
        assertThat(recomputed).as(path).isEqualTo(printed.isNull() ? null : printed.asText());
    }

    @Test
    void theEventsBehindAFigureByHand() {
        JsonNode invested = report("/api/reports/equity/funds/EF1/explain?figure=investedFen&asOf=" + AS_OF);
        assertThat(invested.get("value").asLong()).isEqualTo(28_000 * WAN);
        assertThat(invested.get("parts").findValuesAsText("dealId")).containsExactly("D11", "D12", "D13");
        JsonNode national = report("/api/reports/equity/funds/EF1/explain?partner=" + NATIONAL
                + "&figure=committedFen&asOf=" + AS_OF);
        assertThat(national.get("parts").findValuesAsText("amount")).containsExactly(Long.toString(2 * YI),
                Long.toString(YI));
        assertThat(national.at("/parts/0/partner").asText()).isEqualTo(NATIONAL);
        assertThat(report("/api/reports/equity/funds/EF1/explain?figure=proceedsFen&asOf=2023-06-29")
                .get("value").asLong()).isEqualTo(5000 * WAN);
    }

    @Test
    void explainingAnUnknownFigureIsRefused() {
        for (String path : List.of("/api/reports/equity/funds/EF1/explain?figure=nothing",
                "/api/reports/equity/funds/EF1/explain?figure=funds",
                "/api/reports/equity/funds/explain?figure=amountFen",
                "/api/reports/equity/deals/explain?figure=heldBp",
                "/api/reports/equity/funds/EF1/explain?figure=investedFen&partner=" + CITY,
                "/api/reports/equity/funds/EF1/explain?figure=calledFen&page=-1")) {
            Answer answer = api.get("finance", path);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
        }
        assertThat(api.get("finance", "/api/reports/equity/funds/EF9/explain?figure=calledFen").status())
                .isEqualTo(404);
        assertThat(api.get("finance", "/api/reports/equity/deals/explain?figure=navFen&deal=D99").status())
                .isEqualTo(404);
        assertThat(api.get("finance", "/api/reports/equity/deals/explain?figure=navFen&fund=EF9").status())
                .isEqualTo(404);
        assertThat(api.get("operator", "/api/reports/equity/funds/EF1/explain?figure=calledFen").status())
                .isEqualTo(403);
    }

    /** Pages through an explanation (three events a page) and adds up the events' parts. */
    private long explainedSum(String path) {
        long sum = 0;
        long events = 0;
        for (int page = 0; ; page++) {
            JsonNode explanation = report(path + "&size=3&page=" + page);
            for (JsonNode part : explanation.get("parts")) {
                sum += part.get("amount").asLong();
                events++;
            }
            if (explanation.get("parts").size() < 3) {
                assertThat(sum).isEqualTo(explanation.get("value").asLong());
                assertThat(events).isEqualTo(explanation.get("events").asLong());
                return sum;
            }
        }
    }

    // ------------------------------------------------------------------ deal book

    @Test
    void theDealBookValuesEveryDeal() {
        JsonNode book = report("/api/reports/equity/deals?asOf=" + AS_OF);
        JsonNode rows = book.get("rows");
        assertThat(rows.findValuesAsText("dealId")).containsExactly("D11", "D12", "D13", "D21", "D22");
        assertDeal(rows.get(0), "PARTLY_EXITED", 7500, 2000 * WAN, 6000 * WAN, 5000 * WAN, 12_000 * WAN, "MARK");
        assertThat(rows.get(0).get("markedOn").asText()).isEqualTo("2022-12-31");
        assertThat(rows.get(0).get("markMethod").asText()).isEqualTo("APPRAISAL");
        assertDeal(rows.get(1), "EXITED", 0, 15_000 * WAN, 0, 30_000 * WAN, 0, "NONE");
        assertDeal(rows.get(2), "LIVE", 10_000, 0, 5000 * WAN, 0, 5000 * WAN, "COST");
        assertDeal(rows.get(3), "LIVE", 10_000, 0, 600 * WAN, 0, 900 * WAN, "MARK");
        assertDeal(rows.get(4), "EXITED", 0, 400 * WAN, 0, 400 * WAN, 0, "NONE");
        assertThat(book.get("amountFen").asLong()).isEqualTo(29_000 * WAN);
        assertThat(book.get("navFen").asLong()).isEqualTo(17_900 * WAN);
        assertThat(book.get("proceedsFen").asLong()).isEqualTo(35_400 * WAN);
        JsonNode ef2 = report("/api/reports/equity/deals?fund=EF2&asOf=2023-03-01");
        assertThat(ef2.get("rows").findValuesAsText("dealId")).containsExactly("D21", "D22");
        assertDeal(ef2.get("rows").get(1), "PARTLY_EXITED", 5000, 200 * WAN, 200 * WAN, 300 * WAN, 200 * WAN, "COST");
    }

    // ------------------------------------------------------------------ read endpoints

    @Test
    void callsWithTheirPartsPerPartner() {
        JsonNode calls = ok(api.get("operator", "/api/equity/funds/EF1/calls?asOf=" + AS_OF)).json();
        assertThat(calls).hasSize(2);
        JsonNode second = calls.get(1);
        assertThat(second.get("id").asText()).isEqualTo("EF1-C2");
        assertThat(second.get("amountFen").asLong()).isEqualTo(YI);
        assertThat(second.get("parts").findValuesAsText("partner")).containsExactly(CITY, NATIONAL, PRIVATE);
        assertThat(second.get("parts").findValues("amountFen")).extracting(JsonNode::asLong)
                .containsExactly(3_636_363_637L, 2_727_272_727L, 3_636_363_636L);
        JsonNode distributions = ok(api.get("operator", "/api/equity/funds/EF2/distributions?asOf=" + AS_OF)).json();
        assertThat(distributions.get(0).get("parts").findValues("amountFen")).extracting(JsonNode::asLong)
                .containsExactly(3334L, 3333L, 3333L);
        assertThat(distributions.get(1).get("parts").findValues("amountFen")).extracting(JsonNode::asLong)
                .containsExactly(133_330_000L, 133_330_000L, 133_330_000L);
    }

    @Test
    void aPartnersAccount() {
        JsonNode account = ok(api.get("operator", "/api/equity/funds/EF1/partners/" + NATIONAL + "?asOf=" + AS_OF))
                .json();
        assertThat(account.get("position").asInt()).isEqualTo(2);
        assertThat(account.get("committedFen").asLong()).isEqualTo(3 * YI);
        assertThat(account.get("calledFen").asLong()).isEqualTo(8_727_272_727L);
        assertThat(account.get("uncalledFen").asLong()).isEqualTo(3 * YI - 8_727_272_727L);
        assertThat(account.get("distributedFen").asLong()).isEqualTo(3_272_727_273L);
        assertThat(account.get("movements").findValuesAsText("kind"))
                .containsExactly("COMMITMENT", "CALL", "COMMITMENT", "CALL", "DISTRIBUTION");
        JsonNode partners = ok(api.get("operator", "/api/equity/funds/EF2/partners?asOf=" + AS_OF)).json();
        assertThat(partners.findValuesAsText("partner")).containsExactly("甲", "乙", "丙");
    }

    @Test
    void aDealWithItsMarksAndExits() {
        JsonNode deal = ok(api.get("operator", "/api/equity/deals/D11?asOf=" + AS_OF)).json();
        assertThat(deal.get("status").asText()).isEqualTo("PARTLY_EXITED");
        assertThat(deal.get("stakeBp").asInt()).isEqualTo(2000);
        assertThat(deal.get("navFen").asLong()).isEqualTo(12_000 * WAN);
        assertThat(deal.get("marks").findValuesAsText("method")).containsExactly("LAST_ROUND", "APPRAISAL");
        assertThat(deal.get("marks").get(0).get("recordedBy").asText()).isEqualTo("operator");
        assertThat(deal.get("exits").get(0).get("portionBp").asInt()).isEqualTo(2500);
        assertThat(deal.get("exits").get(0).get("costFen").asLong()).isEqualTo(2000 * WAN);
        JsonNode before = ok(api.get("operator", "/api/equity/deals/D11?asOf=2020-08-31")).json();
        assertThat(before.get("status").asText()).isEqualTo("NOT_YET_CLOSED");
        JsonNode funds = ok(api.get("operator", "/api/equity/funds")).json();
        assertThat(funds.findValuesAsText("fundId")).containsExactly("EF1", "EF2");
    }

    // ------------------------------------------------------------------ replay

    @Test
    @Order(Integer.MAX_VALUE)
    void aReplayRebuildsTheSameRows() {
        Map<String, List<Map<String, Object>>> before = tables();
        StreamingEventProcessor processor = processing.eventProcessor("equity-ledger", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        assertThat(consistency.awaitPosition(consistency.head(), Duration.ofSeconds(30))).isTrue();
        assertThat(tables()).isEqualTo(before);
        assertEquity(api.totals(AS_OF), 4, 29_000 * WAN);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> rows = new HashMap<>();
        rows.put("movement", jdbc.queryForList("SELECT * FROM equity_movement ORDER BY global_index, event_id"));
        rows.put("partner", jdbc.queryForList("SELECT * FROM equity_partner_movement ORDER BY global_index, partner"));
        rows.put("fund", jdbc.queryForList("SELECT * FROM equity_fund ORDER BY fund_id"));
        rows.put("deal", jdbc.queryForList("SELECT * FROM equity_deal ORDER BY deal_id"));
        rows.put("mark", jdbc.queryForList("SELECT * FROM equity_mark ORDER BY global_index"));
        rows.put("exit", jdbc.queryForList("SELECT * FROM equity_exit ORDER BY exit_id"));
        return rows;
    }

    private static void assertEquity(JsonNode totals, long projects, long investedFen) {
        assertThat(totals.at("/equityFund/projects").asLong()).as("projects " + totals.get("asOf")).isEqualTo(projects);
        assertThat(totals.at("/equityFund/investedFen").asLong()).as("invested " + totals.get("asOf"))
                .isEqualTo(investedFen);
    }

    private static void assertPartner(JsonNode row, String partner, long committed, long called, long distributed,
                                      String dpi) {
        assertThat(row.get("partner").asText()).isEqualTo(partner);
        assertThat(row.get("committedFen").asLong()).as(partner + " committed").isEqualTo(committed);
        assertThat(row.get("calledFen").asLong()).as(partner + " called").isEqualTo(called);
        assertThat(row.get("uncalledFen").asLong()).as(partner + " uncalled").isEqualTo(committed - called);
        assertThat(row.get("distributedFen").asLong()).as(partner + " distributed").isEqualTo(distributed);
        assertThat(row.get("dpi").asText()).as(partner + " dpi").isEqualTo(dpi);
    }

    private static void assertDeal(JsonNode row, String status, int heldBp, long exitedCost, long costHeld,
                                   long proceeds, long nav, String basis) {
        String deal = row.get("dealId").asText();
        assertThat(row.get("status").asText()).as(deal + " status").isEqualTo(status);
        assertThat(row.get("heldBp").asInt()).as(deal + " held").isEqualTo(heldBp);
        assertThat(row.get("exitedCostFen").asLong()).as(deal + " exited cost").isEqualTo(exitedCost);
        assertThat(row.get("costHeldFen").asLong()).as(deal + " cost held").isEqualTo(costHeld);
        assertThat(row.get("proceedsFen").asLong()).as(deal + " proceeds").isEqualTo(proceeds);
        assertThat(row.get("navFen").asLong()).as(deal + " nav").isEqualTo(nav);
        assertThat(row.get("navBasis").asText()).as(deal + " basis").isEqualTo(basis);
    }

    private JsonNode report(String path) {
        return ok(api.get("finance", path)).json();
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        return answer;
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private Answer commitment(String fund, String name, String partner, String amount, String on) {
        return api.post("operator", "/api/equity/commitments", Map.of("fundId", fund, "fundName", name,
                "partner", partner, "committedYuan", amount, "committedOn", on));
    }

    private Answer call(String fund, String callId, String amount, String on) {
        return api.post("operator", "/api/equity/funds/" + fund + "/calls", Map.of("callId", callId,
                "amountYuan", amount, "calledOn", on));
    }

    private Answer deal(String dealId, String fund, String project, String amount, int stakePct, String on) {
        return api.post("operator", "/api/equity/deals", Map.of("dealId", dealId, "fundId", fund, "projectId", project,
                "company", "公司" + project, "amountYuan", amount, "stakePct", stakePct, "closedOn", on));
    }

    private Answer mark(String dealId, String value, String method, String on) {
        return api.post("operator", "/api/equity/deals/" + dealId + "/marks", Map.of("valueYuan", value,
                "method", method, "markedOn", on));
    }

    private Answer exit(String dealId, String exitId, String proceeds, String on, String portionPct) {
        Map<String, Object> body = new HashMap<>(Map.of("exitId", exitId, "proceedsYuan", proceeds, "exitedOn", on));
        if (portionPct != null) {
            body.put("portionPct", Integer.valueOf(portionPct));
        }
        return api.post("operator", "/api/equity/deals/" + dealId + "/exits", body);
    }

    private Answer distribution(String fund, String id, String amount, String on) {
        return api.post("operator", "/api/equity/funds/" + fund + "/distributions", Map.of("distributionId", id,
                "amountYuan", amount, "distributedOn", on));
    }
}
