package cn.cq.fundledger.seedfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The seed guidance fund through its REST API: two local funds, investments in both instruments, follow-on
 * rounds, every exit route; every report figure and /api/totals checked against values computed by hand from the
 * history below.
 *
 * <pre>
 * GX 高新区 40% city, 1000万 (2016-01-15)          LG 重庆理工大学 30% city, 150万 (2017-03-01), +100万 on 2021-01-01
 * I1 GX P1 equity 5%   50万 2017-01-10  buyback     100万    2020-03-01
 * I2 GX P2 loan        40万 2018-02-01  repaid       40万    2020-06-24
 * I3 GX P3 equity 10%  80万 2019-05-01  active (FR3 marks it at 10% × 2000万 = 200万)
 * I4 LG P4 equity 8%   60万 2018-07-01  transfer     90万    2021-04-01
 * I5 LG P5 equity 5%   30万 2019-03-01  liquidation  123,400 2021-10-19
 * I6 LG P6 loan        50万 2020-01-10  write_off     0      2023-02-24
 * I7 LG P1 loan        30万 2021-06-01  active (P1 holds 50万 + 30万 = exactly the 80万 cap)
 * I8 GX P7 equity 20% 200万 2024-11-05  active, no round: at cost (the 200万 cap from 2024-10-27)
 * FR1 P1 100万 post 500万 2016-12-01: before any seed money, attracted by none
 * FR2 P1 200万 post 1000万 2019-01-01: follows I1 only
 * FR3 P3 500万 post 2000万 2020-09-01: follows I3
 * FR4 P1 3,000,000.01 post 3000万 2022-06-01: follows I1 (50万) and I7 (30万): 5/8 = 187,500,000.625 fen,
 *     half-even 187,500,001 to I1, the remaining 112,500,000 to I7
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:seed-lifecycle;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedLifecycleIntegrationTest {

    private static final long WAN = 1_000_000L; // 1万 yuan in fen
    private static final long YUAN = 100L;
    private static final String AS_OF = "2024-12-31";

    @Autowired
    TestRestTemplate http;

    LedgerApi api;

    @BeforeAll
    void recordHistory() {
        api = new LedgerApi(http);
        created(api.post("operator", "/api/seed/funds", Map.of("fundId", "GX", "name", "高新区种子基金",
                "partner", "高新区", "committed", "1000万", "establishedOn", "2016-01-15"))); // city share: default 40
        created(api.post("operator", "/api/seed/funds", Map.of("fundId", "LG", "name", "重庆理工大学种子基金",
                "partner", "重庆理工大学", "citySharePct", 30, "committed", "1500000.00", "establishedOn", "2017-03-01")));
        created(round("FR1", "P1", "100万", "500万", "2016-12-01"));
        created(equity("I1", "GX", "P1", "50万", 5, "2017-01-10"));
        created(loan("I2", "GX", "P2", "40万", "2018-02-01"));
        created(equity("I4", "LG", "P4", "60万", 8, "2018-07-01"));
        created(round("FR2", "P1", "200万", "1000万", "2019-01-01"));
        created(equity("I5", "LG", "P5", "30万", 5, "2019-03-01"));
        created(equity("I3", "GX", "P3", "80万", 10, "2019-05-01"));
        created(loan("I6", "LG", "P6", "50万", "2020-01-10"));
        created(exit("I1", "X1", "buyback", "100万", "2020-03-01"));
        created(exit("I2", "X2", "repaid", "400000.00", "2020-06-24"));
        created(round("FR3", "P3", "500万", "2000万", "2020-09-01"));
        created(api.post("operator", "/api/seed/funds/LG/commitment-raises", Map.of("raiseId", "LG-R1",
                "increase", "100万", "raisedOn", "2021-01-01")));
        created(exit("I4", "X4", "transfer", "90万", "2021-04-01"));
        created(loan("I7", "LG", "P1", "30万", "2021-06-01"));
        created(exit("I5", "X5", "liquidation", "123400", "2021-10-19"));
        created(round("FR4", "P1", "3000000.01", "3000万", "2022-06-01"));
        created(exit("I6", "X6", "write_off", "0", "2023-02-24"));
        created(equity("I8", "GX", "P7", "200万", 20, "2024-11-05"));
        created(api.post("admin", "/api/seed/policies/target", Map.of("targetScale", "1250万",
                "targetDate", "2026-12-31")));
        created(api.post("admin", "/api/seed/policies/caps", Map.of("effectiveFrom", "2026-01-01", "cap", "300万")));
    }

    // ------------------------------------------------------------------ /api/totals

    @Test
    void totalsCountDistinctProjectsAndSumInvestedAsOfEachDate() {
        assertTotals("2016-12-31", 0, 0);
        assertTotals("2017-01-09", 0, 0);
        assertTotals("2017-01-10", 1, 50 * WAN);
        assertTotals("2018-12-31", 3, 150 * WAN);
        // P1 twice (I1 and I7): counted once; exits do not reduce what was invested
        assertTotals("2021-12-31", 6, 340 * WAN);
        assertTotals(AS_OF, 7, 540 * WAN);
        assertThat(api.totals(AS_OF).at("/seedFund/invested").asText()).isEqualTo("540万");
    }

    // ------------------------------------------------------------------ portfolio by fund

    @Test
    void portfolioByFund() {
        JsonNode report = report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF);
        assertThat(report.get("rows").findValuesAsText("key")).containsExactly("GX", "LG");

        JsonNode gx = row(report, "GX");
        assertThat(gx.get("name").asText()).isEqualTo("高新区种子基金");
        assertThat(gx.get("partner").asText()).isEqualTo("高新区");
        assertThat(gx.get("cityShareBp").asInt()).isEqualTo(4000);
        assertFigures(gx, Map.ofEntries(
                Map.entry("committedFen", 1000 * WAN), Map.entry("projects", 4L), Map.entry("investments", 4L),
                Map.entry("investedFen", 370 * WAN), Map.entry("activeInvestments", 2L), Map.entry("activeFen", 280 * WAN),
                Map.entry("exitedInvestments", 2L), Map.entry("exitedCostFen", 90 * WAN),
                Map.entry("writtenOffInvestments", 0L), Map.entry("writtenOffFen", 0L),
                Map.entry("proceedsFen", 140 * WAN), Map.entry("cityProceedsFen", 56 * WAN),
                Map.entry("partnerProceedsFen", 84 * WAN),
                // FR2 200万 + FR3 500万 + FR4's 187,500,001 fen
                Map.entry("followOnFen", 887_500_001L), Map.entry("heldValueFen", 400 * WAN)));
        assertThat(gx.get("realisedMultiple").asText()).isEqualTo("1.5556");   // 140 / 90
        assertThat(gx.get("followOnLeverage").asText()).isEqualTo("2.3986");   // 887,500,001 / 370,000,000
        assertThat(gx.get("totalValueMultiple").asText()).isEqualTo("1.4595"); // (140 + 400) / 370

        JsonNode lg = row(report, "LG");
        assertThat(lg.get("cityShareBp").asInt()).isEqualTo(3000);
        assertFigures(lg, Map.ofEntries(
                Map.entry("committedFen", 250 * WAN), Map.entry("projects", 4L), Map.entry("investments", 4L),
                Map.entry("investedFen", 170 * WAN), Map.entry("activeInvestments", 1L), Map.entry("activeFen", 30 * WAN),
                Map.entry("exitedInvestments", 2L), Map.entry("exitedCostFen", 90 * WAN),
                Map.entry("writtenOffInvestments", 1L), Map.entry("writtenOffFen", 50 * WAN),
                Map.entry("proceedsFen", 1_023_400 * YUAN),
                // 30% of 90万 = 27万 and of 123,400 = 37,020; the partner takes the rest
                Map.entry("cityProceedsFen", 307_020 * YUAN), Map.entry("partnerProceedsFen", 716_380 * YUAN),
                Map.entry("followOnFen", 112_500_000L), Map.entry("heldValueFen", 30 * WAN)));
        assertThat(lg.get("realisedMultiple").asText()).isEqualTo("0.7310");   // 102.34 / (90 + 50)
        assertThat(lg.get("followOnLeverage").asText()).isEqualTo("0.6618");   // 112.5 / 170
        assertThat(lg.get("totalValueMultiple").asText()).isEqualTo("0.7785"); // (102.34 + 30) / 170

        JsonNode total = report.get("total");
        assertFigures(total, Map.ofEntries(
                Map.entry("committedFen", 1250 * WAN), Map.entry("projects", 7L), Map.entry("investments", 8L),
                Map.entry("investedFen", 540 * WAN), Map.entry("activeInvestments", 3L), Map.entry("activeFen", 310 * WAN),
                Map.entry("exitedInvestments", 4L), Map.entry("exitedCostFen", 180 * WAN),
                Map.entry("writtenOffInvestments", 1L), Map.entry("writtenOffFen", 50 * WAN),
                Map.entry("proceedsFen", 2_423_400 * YUAN), Map.entry("cityProceedsFen", 867_020 * YUAN),
                Map.entry("partnerProceedsFen", 1_556_380 * YUAN), Map.entry("followOnFen", 1_000_000_001L),
                Map.entry("heldValueFen", 430 * WAN)));
        assertThat(total.get("realisedMultiple").asText()).isEqualTo("1.0537");   // 242.34 / 230
        assertThat(total.get("followOnLeverage").asText()).isEqualTo("1.8519");   // 1,000,000,001 / 540,000,000
        assertThat(total.get("totalValueMultiple").asText()).isEqualTo("1.2451"); // (242.34 + 430) / 540
        // FR1 closed before any seed money in P1
        assertThat(report.get("followOnWithoutSeedFen").asLong()).isEqualTo(100 * WAN);
    }

    @Test
    void portfolioByFundAsOfAnEarlierDate() {
        JsonNode report = report("/api/reports/seed/portfolio/fund?asOf=2020-12-31");
        JsonNode gx = row(report, "GX");
        assertFigures(gx, Map.of("investments", 3L, "investedFen", 170 * WAN, "activeInvestments", 1L,
                "activeFen", 80 * WAN, "exitedInvestments", 2L, "proceedsFen", 140 * WAN,
                "followOnFen", 700 * WAN, "heldValueFen", 200 * WAN));
        JsonNode lg = row(report, "LG");
        // the raise of 2021-01-01 is not yet in force; nothing of LG has exited yet
        assertFigures(lg, Map.of("committedFen", 150 * WAN, "investments", 3L, "investedFen", 140 * WAN,
                "activeInvestments", 3L, "activeFen", 140 * WAN, "exitedInvestments", 0L, "writtenOffInvestments", 0L,
                "proceedsFen", 0L, "followOnFen", 0L, "heldValueFen", 140 * WAN));
        assertThat(lg.get("realisedMultiple").isNull()).isTrue();
        assertThat(report.at("/total/projects").asLong()).isEqualTo(6);
    }

    @Test
    void aFundEstablishedAfterTheDateIsNotInTheReport() {
        JsonNode report = report("/api/reports/seed/portfolio/fund?asOf=2017-01-31");
        assertThat(report.get("rows").findValuesAsText("key")).containsExactly("GX");
        assertThat(report.at("/total/committedFen").asLong()).isEqualTo(1000 * WAN);
    }

    // ------------------------------------------------------------------ portfolio by year

    @Test
    void portfolioByYearOfInvestment() {
        JsonNode report = report("/api/reports/seed/portfolio/year?asOf=" + AS_OF);
        assertThat(report.get("rows").findValuesAsText("key"))
                .containsExactly("2017", "2018", "2019", "2020", "2021", "2024");

        JsonNode y2017 = row(report, "2017");
        assertFigures(y2017, Map.ofEntries(Map.entry("projects", 1L), Map.entry("investments", 1L),
                Map.entry("investedFen", 50 * WAN), Map.entry("activeInvestments", 0L),
                Map.entry("exitedInvestments", 1L), Map.entry("exitedCostFen", 50 * WAN),
                Map.entry("proceedsFen", 100 * WAN), Map.entry("cityProceedsFen", 40 * WAN),
                Map.entry("partnerProceedsFen", 60 * WAN), Map.entry("followOnFen", 387_500_001L),
                Map.entry("heldValueFen", 0L)));
        assertThat(y2017.get("realisedMultiple").asText()).isEqualTo("2.0000");
        assertThat(y2017.get("followOnLeverage").asText()).isEqualTo("7.7500");
        assertThat(y2017.get("committedFen").isNull()).isTrue();

        JsonNode y2018 = row(report, "2018");
        assertFigures(y2018, Map.of("projects", 2L, "investments", 2L, "investedFen", 100 * WAN,
                "exitedInvestments", 2L, "exitedCostFen", 100 * WAN, "proceedsFen", 130 * WAN,
                "cityProceedsFen", 43 * WAN, "partnerProceedsFen", 87 * WAN, "followOnFen", 0L));
        assertThat(y2018.get("realisedMultiple").asText()).isEqualTo("1.3000");
        assertThat(y2018.get("followOnLeverage").asText()).isEqualTo("0.0000");

        JsonNode y2019 = row(report, "2019");
        assertFigures(y2019, Map.ofEntries(Map.entry("projects", 2L), Map.entry("investedFen", 110 * WAN),
                Map.entry("activeInvestments", 1L), Map.entry("activeFen", 80 * WAN),
                Map.entry("exitedInvestments", 1L), Map.entry("exitedCostFen", 30 * WAN),
                Map.entry("proceedsFen", 123_400 * YUAN), Map.entry("cityProceedsFen", 37_020 * YUAN),
                Map.entry("partnerProceedsFen", 86_380 * YUAN), Map.entry("followOnFen", 500 * WAN),
                Map.entry("heldValueFen", 200 * WAN)));
        assertThat(y2019.get("realisedMultiple").asText()).isEqualTo("0.4113");
        assertThat(y2019.get("followOnLeverage").asText()).isEqualTo("4.5455");
        assertThat(y2019.get("totalValueMultiple").asText()).isEqualTo("1.9304");

        JsonNode y2020 = row(report, "2020");
        assertFigures(y2020, Map.of("investedFen", 50 * WAN, "activeInvestments", 0L, "writtenOffInvestments", 1L,
                "writtenOffFen", 50 * WAN, "proceedsFen", 0L, "heldValueFen", 0L));
        assertThat(y2020.get("realisedMultiple").asText()).isEqualTo("0.0000");

        JsonNode y2021 = row(report, "2021");
        assertFigures(y2021, Map.of("investedFen", 30 * WAN, "activeInvestments", 1L, "activeFen", 30 * WAN,
                "followOnFen", 112_500_000L, "heldValueFen", 30 * WAN));
        assertThat(y2021.get("followOnLeverage").asText()).isEqualTo("3.7500");
        assertThat(y2021.get("realisedMultiple").isNull()).isTrue();

        JsonNode y2024 = row(report, "2024");
        assertFigures(y2024, Map.of("investedFen", 200 * WAN, "activeFen", 200 * WAN, "heldValueFen", 200 * WAN));
        assertThat(y2024.get("totalValueMultiple").asText()).isEqualTo("1.0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fund", "year"})
    void everyBreakdownAddsUpToItsTotalAndTheTotalsToApiTotals(String by) {
        for (String asOf : List.of("2018-12-31", "2020-12-31", "2021-06-01", AS_OF)) {
            JsonNode report = report("/api/reports/seed/portfolio/" + by + "?asOf=" + asOf);
            for (String field : List.of("investments", "investedFen", "activeInvestments", "activeFen",
                    "exitedInvestments", "exitedCostFen", "writtenOffInvestments", "writtenOffFen", "proceedsFen",
                    "cityProceedsFen", "partnerProceedsFen", "followOnFen", "heldValueFen")) {
                long sum = 0;
                for (JsonNode row : report.get("rows")) {
                    sum += row.get(field).asLong();
                }
                assertThat(report.at("/total/" + field).asLong()).as(by + " " + field + " " + asOf).isEqualTo(sum);
            }
            JsonNode totals = api.totals(asOf).get("seedFund");
            assertThat(report.at("/total/projects").asLong()).isEqualTo(totals.get("projects").asLong());
            assertThat(report.at("/total/investedFen").asLong()).isEqualTo(totals.get("investedFen").asLong());
            assertThat(report.at("/total/proceedsFen").asLong()).isEqualTo(
                    report.at("/total/cityProceedsFen").asLong() + report.at("/total/partnerProceedsFen").asLong());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fund", "year"})
    void everyFigureOfEveryRowAndOfTheTotalIsExplained(String by) {
        SeedExplainChecks checks = new SeedExplainChecks(api);
        for (String asOf : List.of("2018-12-31", "2021-06-01", AS_OF)) {
            checks.portfolio(by, asOf);
        }
        assertThat(checks.mostEvents()).as("some figure spans several pages").isGreaterThan(SeedExplainChecks.PAGE);
    }

    @Test
    void everyFigureOfTheTargetsIsExplained() {
        SeedExplainChecks checks = new SeedExplainChecks(api);
        for (String asOf : List.of("2020-12-31", AS_OF)) {
            checks.targets(asOf);
        }
    }

    @Test
    void everySumOfTheInvestmentBookIsExplained() {
        SeedExplainChecks checks = new SeedExplainChecks(api);
        checks.book(AS_OF, "");
        checks.book(AS_OF, "&fund=LG&instrument=loan");
        checks.book("2021-06-01", "&status=active");
    }

    @Test
    void theDerivedFiguresByHand() {
        // GX as of 2024-12-31: proceeds 140万 (I1 100万, I2 40万) over 90万 exited; held I3 200万 + I8 200万
        JsonNode realised = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=realisedMultiple&asOf="
                + AS_OF);
        assertThat(realised.get("value").asText()).isEqualTo("1.5556");
        assertThat(realised.get("formula").asText()).startsWith("proceedsFen / (exitedCostFen + writtenOffFen)");
        assertThat(realised.get("components").findValuesAsText("figure"))
                .containsExactly("proceedsFen", "exitedCostFen", "writtenOffFen");
        assertThat(realised.at("/components/0/value").asLong()).isEqualTo(140 * WAN);
        JsonNode held = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=heldValueFen&asOf=" + AS_OF);
        assertThat(held.get("parts").findValuesAsText("kind")).containsExactly("FOLLOW_ON_ROUND", "INVESTMENT");
        assertThat(held.get("parts").findValuesAsText("factId")).containsExactly("FR3", "I8");
        // FR4 (3,000,000.01) split between I1 (187,500,001 fen) and I7 (112,500,000 fen)
        JsonNode followOn = report("/api/reports/seed/portfolio/year/explain?figure=followOnFen&asOf=" + AS_OF);
        assertThat(followOn.get("parts").findValuesAsText("factId")).containsExactly("FR2", "FR3", "FR4", "FR4");
        assertThat(followOn.at("/parts/2/amount").asLong()).isEqualTo(187_500_001L);
        assertThat(followOn.at("/parts/3/investmentId").asText()).isEqualTo("I7");
        JsonNode unlinked = report("/api/reports/seed/portfolio/fund/explain?figure=followOnWithoutSeedFen&asOf="
                + AS_OF);
        assertThat(unlinked.get("parts").findValuesAsText("factId")).containsExactly("FR1");
        JsonNode projects = report("/api/reports/seed/portfolio/fund/explain?key=LG&figure=projects&asOf=" + AS_OF);
        assertThat(projects.get("parts").findValuesAsText("projectId")).containsExactly("P4", "P5", "P6", "P1");
        JsonNode progress = report("/api/reports/seed/target/explain?targetDate=2024-12-31&figure=progress&asOf="
                + AS_OF);
        assertThat(progress.get("value").asText()).isEqualTo("4.17%");
        assertThat(progress.at("/components/1/parts/0/kind").asText()).isEqualTo("SCALE_TARGET");
        assertThat(api.get("finance", "/api/reports/seed/target/explain?targetDate=2025-01-01&figure=progress")
                .status()).isEqualTo(404);
    }

    @Test
    void theEventsBehindAFigureByHand() {
        JsonNode gx = report("/api/reports/seed/portfolio/fund/explain?key=GX&figure=investedFen&asOf=" + AS_OF
                + "&size=3");
        assertThat(gx.get("value").asLong()).isEqualTo(370 * WAN); // I1 50万 + I2 40万 + I3 80万 + I8 200万
        assertThat(gx.get("events").asLong()).isEqualTo(4);
        assertThat(gx.get("parts")).hasSize(3);
        assertThat(gx.at("/parts/0/investmentId").asText()).isEqualTo("I1");
        assertThat(gx.at("/parts/0/amount").asLong()).isEqualTo(50 * WAN);
        JsonNode lossLg = report("/api/reports/seed/portfolio/fund/explain?key=LG&figure=writtenOffFen&asOf=" + AS_OF);
        assertThat(lossLg.get("parts")).hasSize(1);
        assertThat(lossLg.at("/parts/0/investmentId").asText()).isEqualTo("I6");
        assertThat(lossLg.at("/parts/0/amount").asLong()).isEqualTo(50 * WAN);
        assertThat(report("/api/reports/seed/portfolio/fund/explain?key=LG&figure=writtenOffFen&asOf=2022-12-31")
                .get("parts")).isEmpty();
    }

    @Test
    void explainingAnUnknownFigureIsRefused() {
        for (String path : List.of("/api/reports/seed/portfolio/fund/explain?key=GX&figure=nothing",
                "/api/reports/seed/portfolio/fund/explain?key=GX&figure=followOnWithoutSeedFen",
                "/api/reports/seed/portfolio/year/explain?key=2020&figure=committedFen",
                "/api/reports/seed/target/explain?targetDate=2024-12-31&figure=projects",
                "/api/reports/seed/investment-book/explain?figure=committedFen",
                "/api/reports/seed/investment-book/explain?figure=amountFen&status=lost",
                "/api/reports/seed/portfolio/fund/explain?key=GX&figure=investedFen&size=0",
                "/api/reports/seed/portfolio/month/explain?key=GX&figure=investedFen")) {
            Answer answer = api.get("finance", path);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
        }
        assertThat(api.get("operator", "/api/reports/seed/portfolio/fund/explain?key=GX&figure=investedFen")
                .status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ target

    @Test
    void progressToTheScaleTargets() {
        JsonNode report = report("/api/reports/seed/target?asOf=" + AS_OF);
        JsonNode targets = report.get("targets");
        assertThat(targets).hasSize(2);
        JsonNode letter = targets.get(0);
        assertThat(letter.get("targetDate").asText()).isEqualTo("2024-12-31");
        assertThat(letter.get("targetFen").asLong()).isEqualTo(30_000 * WAN);
        assertThat(letter.get("target").asText()).isEqualTo("3亿");
        assertThat(letter.get("committedFen").asLong()).isEqualTo(1250 * WAN);
        assertThat(letter.get("progressBp").asInt()).isEqualTo(417);        // 1250万 / 3亿 = 4.1667%
        assertThat(letter.get("progress").asText()).isEqualTo("4.17%");
        assertThat(letter.get("investedFen").asLong()).isEqualTo(540 * WAN);
        assertThat(letter.get("investedProgressBp").asInt()).isEqualTo(180); // 540万 / 3亿 = 1.8%
        assertThat(letter.get("investedProgress").asText()).isEqualTo("1.80%");
        assertThat(letter.get("reached").asBoolean()).isFalse();
        assertThat(letter.get("due").asBoolean()).isTrue();
        JsonNode recorded = targets.get(1);
        assertThat(recorded.get("targetDate").asText()).isEqualTo("2026-12-31");
        assertThat(recorded.get("progress").asText()).isEqualTo("100.00%");
        assertThat(recorded.get("reached").asBoolean()).isTrue();
        assertThat(recorded.get("due").asBoolean()).isFalse();
        JsonNode before = report("/api/reports/seed/target?asOf=2020-12-31").get("targets").get(0);
        assertThat(before.get("committedFen").asLong()).isEqualTo(1150 * WAN);
        assertThat(before.get("due").asBoolean()).isFalse();
        assertThat(report("/api/reports/seed/portfolio/fund?asOf=" + AS_OF).get("targets")).isEqualTo(targets);
    }

    // ------------------------------------------------------------------ investment book

    @Test
    void theInvestmentBookPagedAndFiltered() {
        JsonNode all = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&size=5");
        assertThat(all.get("totalRows").asLong()).isEqualTo(8);
        assertThat(all.get("rows").findValuesAsText("investmentId")).containsExactly("I1", "I2", "I3", "I4", "I5");
        assertThat(report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&size=5&page=1").get("rows")
                .findValuesAsText("investmentId")).containsExactly("I6", "I7", "I8");
        JsonNode sums = all.get("sums");
        assertThat(sums.get("amountFen").asLong()).isEqualTo(540 * WAN);
        assertThat(sums.get("proceedsFen").asLong()).isEqualTo(2_423_400 * YUAN);
        assertThat(sums.get("heldValueFen").asLong()).isEqualTo(430 * WAN);
        assertThat(sums.get("followOnFen").asLong()).isEqualTo(1_000_000_001L);
        JsonNode i3 = all.get("rows").get(2);
        assertThat(i3.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(i3.get("equityBp").asInt()).isEqualTo(1000);
        assertThat(i3.get("heldValueFen").asLong()).isEqualTo(200 * WAN);
        JsonNode lgLoans = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&fund=LG&instrument=loan");
        assertThat(lgLoans.get("rows").findValuesAsText("investmentId")).containsExactly("I6", "I7");
        JsonNode writtenOff = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&status=written_off");
        assertThat(writtenOff.get("rows").findValuesAsText("investmentId")).containsExactly("I6");
        JsonNode exited = report("/api/reports/seed/investment-book?asOf=" + AS_OF + "&status=exited");
        assertThat(exited.get("rows").findValuesAsText("route"))
                .containsExactly("BUYBACK", "REPAID", "TRANSFER", "LIQUIDATION");
        assertThat(api.get("finance", "/api/reports/seed/investment-book?status=lost").status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ read endpoints

    @Test
    void anInvestmentIsMarkedByTheLatestRoundAfterIt() {
        JsonNode i3 = get("/api/seed/investments/I3?asOf=" + AS_OF);
        assertThat(i3.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(i3.get("heldValueFen").asLong()).isEqualTo(200 * WAN);
        assertThat(i3.get("markedBy").asText()).isEqualTo("FR3");
        assertThat(i3.get("projectCapFen").asLong()).isEqualTo(80 * WAN);
        JsonNode beforeTheRound = get("/api/seed/investments/I3?asOf=2020-08-31");
        assertThat(beforeTheRound.get("heldValueFen").asLong()).isEqualTo(80 * WAN);
        assertThat(beforeTheRound.get("markedBy").isNull()).isTrue();
        JsonNode i8 = get("/api/seed/investments/I8?asOf=" + AS_OF);
        assertThat(i8.get("projectCapFen").asLong()).isEqualTo(200 * WAN);
    }

    @Test
    void aWriteOffRecordsTheLoss() {
        JsonNode i6 = get("/api/seed/investments/I6?asOf=" + AS_OF);
        assertThat(i6.get("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(i6.at("/exit/route").asText()).isEqualTo("WRITE_OFF");
        assertThat(i6.at("/exit/proceedsFen").asLong()).isZero();
        assertThat(i6.at("/exit/realisedGainFen").asLong()).isEqualTo(-50 * WAN);
        assertThat(i6.get("heldValueFen").asLong()).isZero();
        assertThat(i6.get("movements")).hasSize(2);
        assertThat(get("/api/seed/investments/I6?asOf=2023-02-23").get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void exitProceedsAreSplitInTheFundsProportion() {
        JsonNode x5 = get("/api/seed/investments/I5?asOf=" + AS_OF).get("exit");
        assertThat(x5.get("cityShareBp").asInt()).isEqualTo(3000);
        assertThat(x5.get("cityProceedsFen").asLong()).isEqualTo(37_020 * YUAN);
        assertThat(x5.get("partnerProceedsFen").asLong()).isEqualTo(86_380 * YUAN);
        assertThat(x5.get("realisedGainFen").asLong()).isEqualTo((123_400 - 300_000) * YUAN);
    }

    @Test
    void aProjectAcrossFundsUnderTheCap() {
        JsonNode p1 = get("/api/seed/projects/P1?asOf=" + AS_OF);
        assertThat(p1.get("investedFen").asLong()).isEqualTo(80 * WAN);
        assertThat(p1.get("capInForceFen").asLong()).isEqualTo(200 * WAN);
        assertThat(p1.get("roomUnderCapFen").asLong()).isEqualTo(120 * WAN);
        assertThat(p1.get("investments").findValuesAsText("investmentId")).containsExactly("I1", "I7");
        assertThat(p1.get("rounds").findValuesAsText("roundId")).containsExactly("FR1", "FR2", "FR4");
        JsonNode before = get("/api/seed/projects/P1?asOf=2021-06-01");
        assertThat(before.get("capInForceFen").asLong()).isEqualTo(80 * WAN);
        assertThat(before.get("roomUnderCapFen").asLong()).isZero();
        assertThat(api.get("operator", "/api/seed/projects/P404").status()).isEqualTo(404);
    }

    @Test
    void fundsWithTheirCommitmentAsOfADate() {
        JsonNode lg = get("/api/seed/funds/LG?asOf=2021-06-30");
        assertThat(lg.get("committedFen").asLong()).isEqualTo(250 * WAN);
        assertThat(lg.get("investedFen").asLong()).isEqualTo(170 * WAN);
        assertThat(lg.get("uninvestedFen").asLong()).isEqualTo(80 * WAN);
        assertThat(lg.get("cityShareBp").asInt()).isEqualTo(3000);
        assertThat(get("/api/seed/funds/LG?asOf=2020-12-31").get("committedFen").asLong()).isEqualTo(150 * WAN);
        assertThat(get("/api/seed/funds?asOf=2016-12-31").findValuesAsText("fundId")).containsExactly("GX");
        assertThat(api.get("operator", "/api/seed/funds/LG?asOf=2016-12-31").status()).isEqualTo(404);
    }

    @Test
    void policiesAreListedWithWhoRecordedThem() {
        JsonNode caps = get("/api/seed/policies/caps");
        assertThat(caps.findValuesAsText("effectiveFrom")).containsExactly("2015-01-01", "2024-10-27", "2026-01-01");
        assertThat(caps.findValuesAsText("cap")).containsExactly("80万", "200万", "300万");
        assertThat(caps.get(2).get("recordedBy").asText()).isEqualTo("admin");
        JsonNode targets = get("/api/seed/policies/target");
        assertThat(targets.findValuesAsText("target")).containsExactly("3亿", "1250万");
        assertThat(get("/api/seed/follow-on-rounds?asOf=2020-12-31").findValuesAsText("roundId"))
                .containsExactly("FR1", "FR2", "FR3");
    }

    @Test
    void theSameFactSentAgainIsAnsweredAsADuplicate() {
        Answer again = equity("I1", "GX", "P1", "50万", 5, "2017-01-10");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        Answer exitAgain = exit("I1", "X1", "buyback", "1000000", "2020-03-01");
        assertThat(exitAgain.status()).isEqualTo(200);
        assertThat(exitAgain.json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void reportsAreForFinanceAuditorsAndAdmins() {
        assertThat(api.get("operator", "/api/reports/seed/portfolio/fund").status()).isEqualTo(403);
        for (String user : List.of("finance", "auditor", "admin")) {
            assertThat(api.get(user, "/api/reports/seed/portfolio/year").status()).isEqualTo(200);
        }
        assertThat(api.get("finance", "/api/reports/seed/portfolio/district").status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ helpers

    private void assertTotals(String asOf, long projects, long investedFen) {
        JsonNode seed = api.totals(asOf).get("seedFund");
        assertThat(seed.get("projects").asLong()).as("projects " + asOf).isEqualTo(projects);
        assertThat(seed.get("investedFen").asLong()).as("invested " + asOf).isEqualTo(investedFen);
    }

    private static void assertFigures(JsonNode row, Map<String, Long> expected) {
        expected.forEach((field, value) -> assertThat(row.get(field).asLong()).as(row.get("key") + " " + field)
                .isEqualTo(value));
    }

    private JsonNode report(String path) {
        Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        return answer.json();
    }

    private JsonNode get(String path) {
        Answer answer = api.get("operator", path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    private Answer equity(String id, String fund, String project, String amount, int pct, String date) {
        Map<String, Object> body = new HashMap<>(Map.of("investmentId", id, "fundId", fund, "projectId", project,
                "enterpriseName", "项目公司" + project, "instrument", "equity", "amount", amount, "equityPct", pct));
        body.put("investedOn", date);
        return api.post("operator", "/api/seed/investments", body);
    }

    private Answer loan(String id, String fund, String project, String amount, String date) {
        Map<String, Object> body = new HashMap<>(Map.of("investmentId", id, "fundId", fund, "projectId", project,
                "enterpriseName", "项目公司" + project, "instrument", "loan", "amount", amount, "equityPct", ""));
        body.put("investedOn", date);
        return api.post("operator", "/api/seed/investments", body);
    }

    private Answer exit(String investment, String id, String route, String proceeds, String date) {
        return api.post("operator", "/api/seed/investments/" + investment + "/exit", Map.of("exitId", id,
                "route", route, "proceeds", proceeds, "exitedOn", date));
    }

    private Answer round(String id, String project, String amount, String postMoney, String date) {
        return api.post("operator", "/api/seed/follow-on-rounds", Map.of("roundId", id, "projectId", project,
                "investor", "某天使投资", "amount", amount, "postMoney", postMoney, "closedOn", date));
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
