package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

/**
 * The what-if page in a real Chromium on the reference dataset, as finance staff use it: fill a scenario (70% from
 * 2021, 3000万 more for 渝北区), run it and find the API's figures side by side, the charts drawn; save it, run it again
 * from the list, compare it with another saved scenario; a bad ratio refused naming the field; English.
 */
@DashboardContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatIfBrowserIntegrationTest {

    private static final String SCENARIO = "{\"riskSharing\": [{\"effectiveFrom\": \"2017-01-01\", \"fundSharePct\": \"80\"},"
            + "{\"effectiveFrom\": \"2021-01-01\", \"fundSharePct\": \"70\"}],"
            + "\"extraPoolContributions\": [{\"district\": \"渝北区\", \"source\": \"city\", \"amount\": \"3000万\","
            + " \"contributedOn\": \"2021-01-01\"}], \"asOf\": [\"2022-12-31\", \"2024-04-14\"]}";
    private static final List<String> FIGURES = List.of("contributed", "compensated", "recovered", "balance",
            "waiting", "banksCompensated");

    @Autowired
    TestRestTemplate http;

    Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open(http.getRootUri());
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void financeStaffRunAScenarioAndSeeTheApisFiguresSideBySide() {
        browser.signIn("finance");
        browser.clickThrough("#nav-what-if");
        assertThat(browser.text("h1")).startsWith("假设分析");
        assertThat(browser.all("#recorded-ratios tbody tr")).isNotEmpty();
        browser.set("#rs-from-0", "2017-01-01");
        browser.set("#rs-pct-0", "80");
        browser.set("#rs-from-1", "2021-01-01");
        browser.set("#rs-pct-1", "70");
        browser.set("#ex-district-0", "渝北区");
        browser.set("#ex-amount-0", "3000万");
        browser.set("#ex-on-0", "2021-01-01");
        browser.set("#as-of-0", "2022-12-31");
        browser.set("#as-of-1", "2024-04-14");
        browser.set("#as-of-2", "");
        browser.clickThrough("#what-if-run");
        assertThat(browser.all("#what-if-refused")).as("no refusal").isEmpty();

        JsonNode api = new LedgerApi(http).send("finance", HttpMethod.POST, "/api/what-if/credit", SCENARIO).json();
        List<List<String>> rows = exact("#table-what-if-results");
        assertThat(rows).hasSize(2 * FIGURES.size());
        for (int d = 0; d < 2; d++) {
            JsonNode result = api.get("results").get(d);
            for (int f = 0; f < FIGURES.size(); f++) {
                List<String> row = rows.get(d * FIGURES.size() + f);
                assertThat(row.get(0)).isEqualTo(result.get("asOf").asText());
                long actual = fen(result.get("actual"), FIGURES.get(f));
                long whatIf = fen(result.get("whatIf"), FIGURES.get(f));
                assertThat(row.subList(2, 5)).as("%s %s", row.get(0), row.get(1))
                        .containsExactly(yuan(actual), yuan(whatIf), yuan(whatIf - actual));
            }
        }
        browser.chartsDrawn();
        assertThat(browser.all("[data-chart]")).hasSize(3);
        assertThat(browser.all("#table-what-if-pools tbody tr")).hasSize(api.get("pools").size());
        assertThat(browser.all("#table-what-if-banks tbody tr")).hasSize(api.get("banks").size());
        browser.fullScreenshot("what-if-70-from-2021");

        browser.find("#save-name").clear();
        browser.find("#save-name").sendKeys("七成-2021-浏览器");
        browser.clickThrough("#save-run");
        assertThat(browser.text("#what-if-answer h2")).contains("七成-2021-浏览器");
        assertThat(browser.all("#saved-scenarios li[data-name='七成-2021-浏览器']")).hasSize(1);
        // run again from the saved list: the same figures
        assertThat(exact("#table-what-if-results")).isEqualTo(rows);
    }

    @Test
    @Order(2)
    void twoSavedScenariosAreCompared() {
        browser.go("/what-if");
        browser.set("#rs-from-0", "2017-01-01");
        browser.set("#rs-pct-0", "90");
        browser.set("#as-of-0", "2024-04-14");
        browser.set("#as-of-1", "");
        browser.set("#as-of-2", "");
        browser.find("#save-name").sendKeys("九成-浏览器");
        browser.clickThrough("#save-run");
        // what was typed is what was saved: 90% from 2017, run at once under its name
        assertThat(browser.text("#what-if-answer h2")).contains("九成-浏览器");
        JsonNode saved = new LedgerApi(http).get("finance", "/api/what-if/credit/scenarios/九成-浏览器").json();
        assertThat(saved.at("/scenario/riskSharing/0/fundSharePct").asText()).isEqualTo("90");
        List<List<String>> ninety = exact("#table-what-if-results");
        assertThat(new BigDecimal(ninety.get(1).get(3))).as("90%: the pools compensate more than under 80%")
                .isGreaterThan(new BigDecimal(ninety.get(1).get(2)));
        browser.go("/what-if");
        browser.set("#compare-first", "七成-2021-浏览器");
        browser.set("#compare-second", "九成-浏览器");
        browser.clickThrough("#compare-run");
        assertThat(browser.text("h1")).isEqualTo("两个情景对比");
        List<List<String>> rows = exact("#table-what-if-comparison");
        assertThat(rows).hasSize(2 * FIGURES.size());
        // the second scenario's pools pay 90% of each claim, the recorded 80%, the first 80% then 70%
        List<String> compensated = rows.get(FIGURES.size() + 1);
        assertThat(new BigDecimal(compensated.get(4))).isGreaterThan(new BigDecimal(compensated.get(2)));
        assertThat(new BigDecimal(compensated.get(2))).isGreaterThan(new BigDecimal(compensated.get(3)));
        browser.chartsDrawn();
        browser.fullScreenshot("what-if-compare");
    }

    @Test
    @Order(3)
    void aBadRatioIsRefusedNamingTheFieldAndRunsNothing() {
        browser.go("/what-if");
        browser.set("#rs-from-0", "2017-01-01");
        browser.set("#rs-pct-0", "101");
        browser.clickThrough("#what-if-run");
        WebElement problem = browser.find("#what-if-refused li.problem");
        assertThat(problem.getAttribute("data-field")).isEqualTo("riskSharing[0].fundSharePct");
        assertThat(problem.getAttribute("data-rule")).isEqualTo("ratio-range");
        assertThat(browser.all("#what-if-answer")).isEmpty();
        assertThat(browser.find("#rs-pct-0").getAttribute("value")).as("the form keeps what was typed").isEqualTo("101");
    }

    @Test
    @Order(4)
    void thePageSpeaksEnglish() {
        browser.go("/what-if?lang=en");
        assertThat(browser.text("h1")).startsWith("What-if");
        assertThat(browser.text("#what-if-run")).isEqualTo("Run the what-if");
        browser.screenshot("what-if-en");
    }

    @Test
    @Order(5)
    void operatorsAndAuditorsHaveNoWhatIf() {
        browser.signIn("operator");
        assertThat(browser.all("#nav-what-if")).isEmpty();
        browser.signIn("auditor");
        assertThat(browser.all("#nav-what-if")).isEmpty();
    }

    /** A table's rows: the first two cells' text, then each money cell's exact yuan (its title, digits only). */
    private List<List<String>> exact(String table) {
        browser.find(table);
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : browser.all(table + " tbody tr")) {
            List<WebElement> tds = tr.findElements(By.tagName("td"));
            List<String> row = new ArrayList<>();
            for (WebElement td : tds) {
                List<WebElement> money = td.findElements(By.cssSelector("span[title]"));
                row.add(money.isEmpty() ? td.getText() : money.get(0).getAttribute("title")
                        .replaceAll("[^0-9.\\-]", ""));
            }
            rows.add(row);
        }
        return rows;
    }

    private static long fen(JsonNode figures, String figure) {
        return switch (figure) {
            case "contributed" -> figures.at("/riskPools/contributedFen").asLong();
            case "compensated" -> figures.at("/riskPools/compensatedFen").asLong();
            case "recovered" -> figures.at("/riskPools/recoveredFen").asLong();
            case "balance" -> figures.at("/riskPools/balanceFen").asLong();
            case "waiting" -> figures.at("/riskPools/waitingClaimsFen").asLong();
            default -> figures.at("/creditLoans/compensatedFen").asLong();
        };
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
