package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The overview, the explanation of a figure, signing in and out, the menus of each role and the two languages,
 * in a real Chromium against the reference dataset.
 */
@DashboardContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewBrowserIntegrationTest {

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
    void anAnonymousVisitorIsSentToTheSignInForm() {
        browser.driver.manage().deleteAllCookies();
        browser.go("/credit");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        browser.screenshot("login");
        browser.find("#username").sendKeys("finance");
        browser.find("#password").sendKeys("wrong");
        browser.find("#login-submit").click();
        assertThat(browser.text("#login-error")).isEqualTo("用户名或密码错误。");
    }

    @Test
    void theOverviewShowsThePublishedFiguresAndTheyMatchTheApi() {
        browser.signIn("finance");
        browser.go("/?asOf=2024-04-14");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(figure("seedFund.projects")).isEqualTo("821");
        assertThat(figure("seedFund.investedFen")).isEqualTo("2.98亿");
        assertThat(figure("equityFund.projects")).isEqualTo("7");
        assertThat(figure("equityFund.investedFen")).isEqualTo("2.9亿");
        assertThat(figure("creditLoans.loans")).isEqualTo("12,535");
        assertThat(figure("creditLoans.issuedFen")).isEqualTo("217.2亿");
        assertThat(figure("guidedLoans.issuedFen")).isEqualTo("148.1亿");
        // every figure on the page is the API's, in its display form
        JsonNode totals = new LedgerApi(http).totals("2024-04-14");
        for (WebElement link : browser.all("a.figure")) {
            String name = link.getAttribute("data-figure");
            long value = totals.at("/" + name.replace('.', '/')).asLong();
            String shown = link.getText();
            if (name.endsWith("Fen")) {
                assertThat(shown).as(name).isEqualTo(cn.cq.fundledger.core.Money.ofFen(value).toDisplayString());
            } else {
                assertThat(shown.replace(",", "")).as(name).isEqualTo(Long.toString(value));
            }
        }
        browser.chartsDrawn();
        browser.screenshot("overview");
    }

    @Test
    void aFigureLinksToTheEventsThatMakeItUp() {
        browser.signIn("auditor");
        browser.go("/?asOf=2024-04-14");
        browser.clickThrough("a.figure[data-figure='creditLoans.issuedFen']");
        assertThat(browser.driver.getCurrentUrl()).contains("/explain").contains("figure=creditLoans.issuedFen");
        assertThat(browser.text("#figure-value")).isEqualTo("217.2亿");
        List<WebElement> rows = browser.all("#parts tbody tr");
        assertThat(rows).hasSize(50);
        // the first event: its business date, recorded time, user and source file and row
        List<WebElement> cells = rows.get(0).findElements(org.openqa.selenium.By.tagName("td"));
        assertThat(cells.get(1).getText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(cells.get(3).getText()).isNotBlank();
        assertThat(cells.get(4).getText()).contains("loans");
        browser.screenshot("explain");
        browser.clickThrough("#page-next");
        assertThat(browser.driver.getCurrentUrl()).contains("page=1");
        browser.go("/explain?figure=riskPools.balanceFen&asOf=2024-04-14");
        assertThat(browser.all("#formula a")).extracting(WebElement::getText).containsExactly(
                "riskPools.contributedFen", "riskPools.compensatedFen", "riskPools.recoveredFen");
    }

    @Test
    void englishIsChosenWithLangAndRemembered() {
        browser.signIn("finance");
        browser.go("/?asOf=2024-04-14&lang=en");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text("h1")).isEqualTo("Overview");
        assertThat(figure("seedFund.investedFen")).isEqualTo("CNY 298 million");
        browser.go("/?asOf=2024-04-14");
        assertThat(browser.find("html").getAttribute("lang")).as("remembered").isEqualTo("en");
        browser.chartsDrawn();
        browser.screenshot("overview-en");
        browser.clickThrough("#lang-zh");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.text("h1")).isEqualTo("总览");
    }

    @Test
    void eachRoleSeesItsOwnMenu() {
        assertThat(menu("finance")).containsExactly("nav-overview", "nav-credit", "nav-pools", "nav-seed",
                "nav-equity", "nav-what-if");
        assertThat(menu("operator")).containsExactly("nav-overview", "nav-imports", "nav-record");
        assertThat(menu("auditor")).containsExactly("nav-overview", "nav-credit", "nav-pools", "nav-seed",
                "nav-equity", "nav-audit");
        assertThat(menu("admin")).containsExactly("nav-overview", "nav-credit", "nav-pools", "nav-seed",
                "nav-equity", "nav-what-if", "nav-audit", "nav-policy");
        // a page outside the role's menu is refused
        browser.signIn("operator");
        browser.go("/policy");
        assertThat(browser.driver.getPageSource()).contains("403");
    }

    @Test
    void signingOutEndsTheSession() {
        browser.signIn("finance");
        browser.find("#logout").click();
        assertThat(browser.find("#login-out").isDisplayed()).isTrue();
        browser.go("/");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
    }

    private List<String> menu(String user) {
        browser.signIn(user);
        browser.go("/");
        return browser.all("nav.menu a").stream().map(e -> e.getAttribute("id")).toList();
    }

    private String figure(String name) {
        return browser.find("a.figure[data-figure='" + name + "']").getText();
    }
}
