package cn.cq.fundledger.equityfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The equity corrections and explanations on PostgreSQL (the {@code postgres} profile): migration V9, the reversal
 * rows, the reports' SQL (projects by the sign of their deals, NAV past a reversed mark) and the explanations'. Runs
 * where FUNDLEDGER_TEST_PG_URL names a server (CI); in a schema of its own, emptied first, so that it shares nothing
 * with the other PostgreSQL test.
 */
@EnabledIfEnvironmentVariable(named = "FUNDLEDGER_TEST_PG_URL", matches = "jdbc:postgresql:.+")
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fundledger.security.users[0].name=operator",
        "fundledger.security.users[0].password={bcrypt}$2a$04$CG7Nqi168gSQu3Oq/yEn/uih0Bj1JtDnyLIJSVlrs00YN5/FJzpqu",
        "fundledger.security.users[0].roles=OPERATOR",
        "fundledger.security.users[1].name=finance",
        "fundledger.security.users[1].password={bcrypt}$2a$04$CG7Nqi168gSQu3Oq/yEn/uih0Bj1JtDnyLIJSVlrs00YN5/FJzpqu",
        "fundledger.security.users[1].roles=FINANCE",
        "fundledger.reference-data.load=false",
        "spring.flyway.schemas=equity_test",
        "spring.flyway.clean-disabled=false"})
class EquityPostgresIntegrationTest {

    private static final long WAN = 1_000_000L;
    private static final String AS_OF = "2023-12-31";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = System.getenv("FUNDLEDGER_TEST_PG_URL");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=equity_test");
    }

    /** Every run starts from an empty schema. */
    @TestConfiguration
    static class CleanSchema {
        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return (Flyway flyway) -> {
                flyway.clean();
                flyway.migrate();
            };
        }
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void correctionsAndExplanationsOnPostgres() {
        LedgerApi api = new LedgerApi(http, user -> "s3cret");
        for (String partner : List.of("甲", "乙")) {
            created(api.post("operator", "/api/equity/commitments", Map.of("fundId", "EF1", "fundName", "成果转化基金",
                    "partner", partner, "committedYuan", "1亿", "committedOn", "2020-01-01")));
        }
        created(api.post("operator", "/api/equity/funds/EF1/calls", Map.of("callId", "C1", "amountYuan", "1亿",
                "calledOn", "2020-02-01")));
        for (String[] d : new String[][]{{"D1", "PA", "4000万", "2020-03-01"}, {"D2", "PB", "3000万", "2020-04-01"}}) {
            created(api.post("operator", "/api/equity/deals", Map.of("dealId", d[0], "fundId", "EF1", "projectId",
                    d[1], "company", "公司" + d[1], "amountYuan", d[2], "stakePct", 8, "closedOn", d[3])));
        }
        for (String[] m : new String[][]{{"6000万", "2021-12-31"}, {"9000万", "2022-06-30"}}) {
            created(api.post("operator", "/api/equity/deals/D1/marks", Map.of("valueYuan", m[0], "method",
                    "appraisal", "markedOn", m[1])));
        }
        created(correct(api, "deal", "D2", "不属本基金", null));
        created(correct(api, "mark", "D1@2022-06-30", "估值录入错误", Map.of("valueYuan", "7000万", "method",
                "appraisal", "markedOn", "2022-06-30")));
        Answer refused = correct(api, "deal", "D1", "错误", null);
        assertThat(refused.status()).isEqualTo(422);

        JsonNode fund = report(api, "/api/reports/equity/funds/EF1?asOf=" + AS_OF);
        assertThat(fund.get("investedFen").asLong()).isEqualTo(4000 * WAN);
        assertThat(fund.get("projects").asLong()).isEqualTo(1);
        assertThat(fund.get("navFen").asLong()).isEqualTo(7000 * WAN);
        assertThat(report(api, "/api/reports/equity/funds?asOf=" + AS_OF).at("/total/projects").asLong())
                .isEqualTo(1);
        JsonNode invested = report(api, "/api/reports/equity/funds/EF1/explain?figure=investedFen&asOf=" + AS_OF);
        assertThat(invested.get("parts").findValuesAsText("kind")).containsExactly("DEAL", "DEAL", "REVERSAL");
        assertThat(report(api, "/api/reports/equity/funds/explain?figure=projects&asOf=" + AS_OF)
                .get("parts").findValuesAsText("factId")).containsExactly("D1");
        assertThat(report(api, "/api/reports/equity/funds/EF1/explain?figure=tvpi&asOf=" + AS_OF).get("value")
                .asText()).isEqualTo(fund.get("tvpi").asText());
        assertThat(report(api, "/api/reports/equity/deals/explain?figure=heldBp&deal=D1&asOf=" + AS_OF)
                .get("value").asLong()).isEqualTo(10_000);
        JsonNode book = report(api, "/api/reports/equity/deals?asOf=" + AS_OF);
        assertThat(book.get("reversed").findValuesAsText("dealId")).containsExactly("D2");
    }

    private static Answer correct(LedgerApi api, String kind, String factId, String reason,
                                  Map<String, Object> replacement) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "factId", factId, "reason", reason));
        if (replacement != null) {
            body.put("replacement", replacement);
        }
        return api.post("operator", "/api/equity/corrections", body);
    }

    private static JsonNode report(LedgerApi api, String path) {
        Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
