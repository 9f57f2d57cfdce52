package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The operations pages in a real Chromium against the reference dataset: imports (a bundle refused for one row and
 * nothing written, a file applied), a fact recorded through a form (its refusal beside the field), the audit
 * (verification, history, export, replay) and the policies (a version added and listed). What these tests record
 * touches no published figure: banks (no amounts), a refused contribution, a risk-sharing version for one bank
 * effective after every loan of the dataset.
 */
@DashboardContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationPagesBrowserIntegrationTest {

    /** Verification and replay go through the whole reference dataset, on a machine shared with other builds. */
    private static final Duration LONG = Duration.ofMinutes(6);

    @Autowired
    TestRestTemplate http;

    Browser browser;
    LedgerApi api;
    Path files;

    @BeforeAll
    void openBrowser() throws Exception {
        browser = Browser.open(http.getRootUri());
        browser.driver.manage().timeouts().pageLoadTimeout(LONG);
        api = new LedgerApi(http);
        files = Files.createTempDirectory("operations-pages");
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aBundleWithARefusedRowWritesNothingAndListsTheRow() throws Exception {
        browser.signIn("operator");
        browser.go("/imports");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.text("h1")).isEqualTo("导入文件");
        assertThat(browser.all("#templates a.template-csv")).hasSizeGreaterThan(10);
        browser.screenshot("imports");
        Path banks = write("bundle/banks.csv", "bank_id,name\nOPS-BANK-BUNDLE,捆绑测试银行\n");
        Path contributions = write("bundle/pool-contributions.csv", "contribution_id,district,source,amount_yuan,"
                + "contributed_on\nOPS-PC-1,渝中区,city,1000,2026-06-01\nOPS-PC-2,渝中区,city,12.345,2026-06-02\n");
        long before = eventCount();

        browser.find("#bundle-files").sendKeys(banks.toAbsolutePath() + "\n" + contributions.toAbsolutePath());
        browser.find("#bundle-submit").click();

        waitFor(d -> d.getCurrentUrl().endsWith("/imports/result"));
        assertThat(browser.text("#import-refused")).contains("未写入任何内容");
        List<List<String>> refused = rows("#table-refused");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).subList(0, 4)).containsExactly("pool-contributions.csv", "3", "amount_yuan",
                "amount-format");
        assertThat(refused.get(0).get(4)).contains("12.345");
        assertThat(rows("#table-files")).extracting(r -> r.get(0) + " " + r.get(3))
                .containsExactly("banks.csv 0", "pool-contributions.csv 0");
        assertThat(eventCount()).as("nothing written").isEqualTo(before);
        assertThat(api.get("operator", "/api/credit/banks").body()).doesNotContain("OPS-BANK-BUNDLE");
        // the refused rows as a file, from the same table
        ResponseEntity<String> csv = withSession(HttpMethod.GET, "/imports/result?table=refused&format=csv");
        assertThat(csv.getBody()).contains("pool-contributions.csv,3,amount_yuan,amount-format");
        browser.screenshot("imports-refused");
    }

    @Test
    void aValidFileIsApplied() throws Exception {
        browser.signIn("operator");
        browser.go("/imports");
        Path banks = write("single/banks.csv", "bank_id,name\nOPS-BANK-FILE,单文件测试银行\n");
        new Select(browser.find("#file-kind")).selectByValue("banks");
        browser.find("#file-file").sendKeys(banks.toAbsolutePath().toString());
        browser.find("#file-submit").click();

        waitFor(d -> d.getCurrentUrl().endsWith("/imports/result"));
        assertThat(browser.text("#import-applied")).contains("新记录 1 行");
        assertThat(rows("#table-files")).containsExactly(List.of("banks.csv", "banks", "1", "1", "0", "0"));
        assertThat(browser.all("#table-refused")).isEmpty();
        assertThat(api.get("operator", "/api/credit/banks").body()).contains("OPS-BANK-FILE");
        browser.screenshot("imports-applied");
        // the progress the bar follows: nothing runs now
        assertThat(withSession(HttpMethod.GET, "/imports/progress").getBody())
                .isEqualTo("{\"applied\":0,\"total\":0}");
        // the API's template, under the page's session
        ResponseEntity<String> template = withSession(HttpMethod.GET, "/imports/templates/loans.csv");
        assertThat(template.getBody()).isEqualTo("\uFEFF" + String.join(",", "loan_id", "bank_id", "enterprise_id",
                "district", "principal_yuan", "annual_rate_pct", "term_months", "issued_on") + "\r\n");
    }

    @Test
    void aFormShowsTheApisRefusalBesideTheFieldAndRecordsNothing() {
        browser.signIn("operator");
        browser.go("/record");
        assertThat(browser.all("#fact-forms a")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(browser.all("#correction-forms a")).hasSizeGreaterThanOrEqualTo(18);
        browser.screenshot("record");
        browser.find("#form-pool-contribution").click();
        long before = eventCount();

        browser.find("#field-contributionId").sendKeys("OPS-PC-FORM");
        browser.find("#field-district").sendKeys("渝中区");
        new Select(browser.find("#field-source")).selectByValue("city");
        browser.find("#field-amount").sendKeys("12.345");
        date("#field-contributedOn", "2026-06-03");
        browser.find("#form-submit").click();

        assertThat(browser.text("#refused")).contains("未记录任何内容").contains("400");
        WebElement amount = browser.find("label[data-field='amount']");
        assertThat(amount.getAttribute("class")).contains("invalid");
        assertThat(amount.findElement(By.cssSelector(".field-error")).getAttribute("data-rule"))
                .isEqualTo("amount-format");
        assertThat(amount.findElement(By.cssSelector(".field-error")).getText()).contains("amount-format")
                .contains("12.345");
        // the other fields keep what was typed, and are not blamed
        assertThat(browser.find("#field-contributionId").getAttribute("value")).isEqualTo("OPS-PC-FORM");
        assertThat(browser.all("label[data-field='district'] .field-error")).isEmpty();
        assertThat(eventCount()).as("nothing written").isEqualTo(before);
        browser.screenshot("record-refused");

        // a fact the form records, then the same fact again: a duplicate, recorded once
        browser.go("/record/bank");
        browser.find("#field-bankId").sendKeys("OPS-BANK-FORM");
        browser.find("#field-name").sendKeys("表单测试银行 <b>粗体</b>");
        browser.find("#form-submit").click();
        assertThat(browser.find("#recorded").getAttribute("data-duplicate")).isEqualTo("false");
        assertThat(browser.text("#recorded")).contains("OPS-BANK-FORM");
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(api.get("operator", "/api/credit/banks").body()).contains("表单测试银行 <b>粗体</b>");
        browser.screenshot("record-recorded");
    }

    @Test
    void aCorrectionNamesTheReplacementsFieldsBesideThem() {
        browser.signIn("operator");
        browser.go("/record/credit-correction-loan");
        assertThat(browser.text("#form-title")).isEqualTo("更正：发放知识价值信用贷款");
        browser.find("#field-factId").sendKeys("OPS-NO-SUCH-LOAN");
        browser.find("#field-reason").sendKeys("测试");
        browser.find("#field-replacement-principal").sendKeys("abc");
        browser.find("#form-submit").click();
        assertThat(browser.find("label[data-field='replacement.principal'] .field-error").getAttribute("data-rule"))
                .isEqualTo("amount-format");
        assertThat(browser.all("label[data-field='replacement.loanId'] .field-error")).hasSize(1);
        browser.screenshot("record-correction-refused");
    }

    @Test
    void anAuditorVerifiesBrowsesExportsAndReplays() {
        browser.signIn("auditor");
        browser.go("/audit");
        browser.screenshot("audit");

        browser.find("#verify").click();
        waitFor(d -> !d.findElements(By.id("verdict")).isEmpty());
        assertThat(browser.find("#chain-valid").getAttribute("data-valid")).isEqualTo("true");
        assertThat(browser.find("#projections-match").getAttribute("data-valid")).isEqualTo("true");
        assertThat(browser.text("#first-broken")).isEqualTo("无");
        browser.screenshot("audit-verification");

        browser.go("/audit/events?type=LoanIssued");
        long loans = api.get("auditor", "/api/audit/events?type=LoanIssued&size=1").json().get("total").asLong();
        assertThat(browser.find("#event-total").getAttribute("data-total")).isEqualTo(Long.toString(loans));
        List<List<String>> events = rows("#table-events");
        assertThat(events).hasSize(50);
        assertThat(events).allSatisfy(e -> assertThat(e.get(1)).isEqualTo("LoanIssued"));
        assertThat(events.get(0).get(6)).contains("loans");
        browser.screenshot("audit-events");
        browser.clickThrough("#page-next");
        assertThat(browser.driver.getCurrentUrl()).contains("page=1").contains("type=LoanIssued");

        // the export of the filtered history, as the API's: one JSON line an event
        browser.go("/audit/events?type=BankRegistered");
        String export = browser.find("#export-filtered").getAttribute("href");
        ResponseEntity<String> jsonl = withSession(HttpMethod.GET, export.substring(http.getRootUri().length()));
        long banks = api.get("auditor", "/api/audit/events?type=BankRegistered&size=1").json().get("total").asLong();
        assertThat(export).endsWith("/audit/events/export?type=BankRegistered");
        assertThat(jsonl.getHeaders().getContentType().isCompatibleWith(
                org.springframework.http.MediaType.parseMediaType("application/x-ndjson"))).isTrue();
        assertThat(jsonl.getBody().lines()).hasSize((int) banks)
                .allSatisfy(line -> assertThat(line).contains("\"type\":\"BankRegistered\""));

        browser.go("/audit/replay");
        browser.find("#replay-start").click();
        assertThat(browser.find("#replay-progress").getAttribute("max")).isNotEqualTo("1");
        browser.screenshot("audit-replay-running");
        // the page follows the replay and shows its end
        waitFor(d -> "done".equals(d.findElement(By.id("replay-state")).getAttribute("data-state")));
        assertThat(browser.text("#replay-state")).contains("auditor").contains("已完成");
        assertThat(browser.find("#replay-progress").getAttribute("value"))
                .isEqualTo(browser.find("#replay-progress").getAttribute("max"));
        browser.screenshot("audit-replay-done");
    }

    @Test
    void anAdministratorAddsARiskSharingVersionAndSeesItListed() {
        JsonNode banks = api.get("admin", "/api/credit/banks").json();
        String bank = banks.get(0).get("bankId").asText();
        browser.signIn("admin");
        browser.go("/policy");
        assertThat(browser.all("#table-risk-sharing tbody tr")).isNotEmpty();
        assertThat(browser.all("#table-banks tbody tr")).hasSize(banks.size());
        browser.screenshot("policy");

        browser.find("#form-risk-sharing").click();
        // effective a year from now: scheduled, after every loan of the dataset
        String effective = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(1).toString();
        date("#field-effectiveFrom", effective);
        browser.find("#field-fundSharePct").sendKeys("150");
        browser.find("#field-bankId").sendKeys(bank);
        browser.find("#form-submit").click();
        assertThat(browser.find("label[data-field='fundSharePct'] .field-error").getAttribute("data-rule"))
                .isEqualTo("ratio-range");
        browser.screenshot("policy-refused");

        browser.find("#field-fundSharePct").clear();
        browser.find("#field-fundSharePct").sendKeys("75");
        browser.find("#form-submit").click();
        assertThat(browser.find("#recorded").getAttribute("data-duplicate")).isEqualTo("false");
        browser.find("#back").click();
        assertThat(rows("#table-risk-sharing")).anySatisfy(r -> assertThat(r.subList(0, 4))
                .containsExactly(effective, bank, "75%", "待生效"));
        browser.screenshot("policy-after");
    }

    @Test
    void theOperationsPagesSpeakEnglishToo() {
        browser.signIn("operator");
        browser.go("/record/loan?lang=en");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text("#form-title")).isEqualTo("Issue a knowledge-value loan");
        assertThat(browser.text("label[data-field='principal'] span")).isEqualTo("Principal");
        browser.screenshot("record-loan-en");
        browser.go("/imports?lang=zh");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
    }

    private long eventCount() {
        return api.get("auditor", "/api/audit/events?size=1").json().get("total").asLong();
    }

    private Path write(String name, String content) throws Exception {
        Path file = files.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** The cells' text of a table of the page, row by row. */
    private List<List<String>> rows(String table) {
        browser.find(table);
        return browser.all(table + " tbody tr").stream().map(row -> row.findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList()).toList();
    }

    /** A date input set as a person's date picker sets it (its typing order follows the browser's locale). */
    private void date(String css, String isoDate) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1];", browser.find(css),
                isoDate);
    }

    private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        // a page that follows a replay replaces its elements as it goes: an element read a moment too late is asked again
        new WebDriverWait(browser.driver, LONG).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** A request with the browser's session cookie: a download the page links to. */
    private ResponseEntity<String> withSession(HttpMethod method, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + browser.driver.manage().getCookieNamed("JSESSIONID").getValue());
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }
}
