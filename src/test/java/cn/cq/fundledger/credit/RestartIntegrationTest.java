package cn.cq.fundledger.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.FundLedgerApplication;
import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The ledger keeps its facts in an H2 file: after a restart every recorded loan is still there. */
class RestartIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void recordedLoansSurviveARestartAndTheProgramGoesOn() {
        String url = "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("ledger").toAbsolutePath();
        JsonNode before;
        try (ConfigurableApplicationContext first = start(url)) {
            LedgerApi api = api(first);
            assertThat(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01",
                    "fundSharePct", "80")).status()).isEqualTo(201);
            assertThat(api.post("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行")).status())
                    .isEqualTo(201);
            assertThat(api.post("operator", "/api/credit/evaluations", Map.of("enterpriseId", "E1",
                    "enterpriseName", "企业1", "district", "渝北区", "grade", "E", "evaluatedOn", "2023-01-10")).status())
                    .isEqualTo(201);
            assertThat(api.post("operator", "/api/credit/loans", Map.of("loanId", "L1", "bankId", "B1",
                    "enterpriseId", "E1", "district", "渝北区", "principal", "50万", "annualRatePct", "3.45",
                    "termMonths", "6", "issuedOn", "2023-02-01")).status()).isEqualTo(201);
            before = api.totals("2023-12-31");
        }
        try (ConfigurableApplicationContext second = start(url)) {
            LedgerApi api = api(second);
            // the programs are loaded after the start, before any command (system.ProgramWarmUp): health says when
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> second.getBean(cn.cq.fundledger.system.ProgramWarmUp.class).done());
            assertThat(second.getBean("creditProgramCache", org.axonframework.common.caching.Cache.class)
                    .containsKey(cn.cq.fundledger.credit.command.CreditProgram.ID)).as("loaded before any command")
                    .isTrue();
            JsonNode health = api.get("admin", "/actuator/health").json();
            assertThat(health.at("/components/programs/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/programs/details/kv-credit").asText()).endsWith(" ms");
            assertThat(health.at("/components/programs/details/seed-fund").asText()).isEqualTo("not opened yet");
            assertThat(api.totals("2023-12-31")).isEqualTo(before);
            assertThat(api.get("operator", "/api/credit/loans/L1").json().get("principalFen").asLong())
                    .isEqualTo(50_000_000L);
            // the program's state was rebuilt from the stored events: the credit line (80万) still counts L1
            assertThat(api.post("operator", "/api/credit/loans", Map.of("loanId", "L2", "bankId", "B1",
                    "enterpriseId", "E1", "district", "渝北区", "principal", "30.01万", "annualRatePct", "3.45",
                    "termMonths", "6", "issuedOn", "2023-03-01")).status()).isEqualTo(422);
            assertThat(api.post("operator", "/api/credit/loans/L1/repayments", Map.of("repaymentId", "R1",
                    "principal", "50万", "interest", "8625", "paidOn", "2023-08-01")).status()).isEqualTo(201);
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(FundLedgerApplication.class)
                .run(url, "--server.port=0", "--fundledger.reference-data.load=false");
    }

    private static LedgerApi api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new LedgerApi(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
    }
}
