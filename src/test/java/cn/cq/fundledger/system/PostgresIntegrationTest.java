package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The ledger on PostgreSQL (the {@code postgres} profile): migrations, the event and token stores, the
 * projections, the reports' SQL and an import. CI starts a throwaway server (.ci/postgres.sh) and sets
 * FUNDLEDGER_TEST_PG_URL; without it this test reports itself skipped.
 */
@EnabledIfEnvironmentVariable(named = "FUNDLEDGER_TEST_PG_URL", matches = "jdbc:postgresql:.+")
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fundledger.security.users[0].name=operator",
        "fundledger.security.users[0].password={bcrypt}$2a$04$CG7Nqi168gSQu3Oq/yEn/uih0Bj1JtDnyLIJSVlrs00YN5/FJzpqu",
        "fundledger.security.users[0].roles=OPERATOR",
        "fundledger.security.users[1].name=admin",
        "fundledger.security.users[1].password={bcrypt}$2a$04$CG7Nqi168gSQu3Oq/yEn/uih0Bj1JtDnyLIJSVlrs00YN5/FJzpqu",
        "fundledger.security.users[1].roles=ADMIN",
        "fundledger.security.users[2].name=finance",
        "fundledger.security.users[2].password={bcrypt}$2a$04$CG7Nqi168gSQu3Oq/yEn/uih0Bj1JtDnyLIJSVlrs00YN5/FJzpqu",
        "fundledger.security.users[2].roles=FINANCE",
        "fundledger.security.users[3].name=auditor",
        "fundledger.security.users[3].password={bcrypt}$2a$04$CG7Nqi168gSQu3Oq/yEn/uih0Bj1JtDnyLIJSVlrs00YN5/FJzpqu",
        "fundledger.security.users[3].roles=AUDITOR",
        "spring.flyway.clean-disabled=false"})
class PostgresIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("FUNDLEDGER_TEST_PG_URL"));
    }

    /** Every run starts from an empty database. */
    @TestConfiguration
    static class CleanDatabase {
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
    void theLedgerRecordsImportsAndReportsOnPostgres() {
        LedgerApi api = new LedgerApi(http, user -> "s3cret");
        assertThat(api.post("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01",
                "fundSharePct", "80")).status()).isEqualTo(201);
        MultiValue bundle = new MultiValue()
                .file("banks.csv", "bank_id,name\nB1,重庆银行\n")
                .file("evaluations.csv", "enterprise_id,enterprise_name,district,grade,evaluated_on\nE1,企业1,渝北区,B,2023-01-10\n")
                .file("pool-contributions.csv", "contribution_id,district,source,amount_yuan,contributed_on\nC1,渝北区,city,50万,2023-01-01\n")
                .file("loans.csv", "loan_id,bank_id,enterprise_id,district,principal_yuan,annual_rate_pct,term_months,issued_on\n"
                        + "L1,B1,E1,渝北区,100万,3.45,12,2023-02-01\n")
                .file("defaults.csv", "loan_id,overdue_since,declared_on\nL1,2023-08-01,2023-09-01\n")
                .file("compensations.csv", "claim_id,loan_id,claimed_on\nK1,L1,2023-09-10\n");
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "s3cret");
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var imported = http.exchange("/api/imports", HttpMethod.POST, new HttpEntity<>(bundle.parts, headers),
                String.class);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);

        JsonNode totals = api.totals("2023-12-31");
        assertThat(totals.at("/creditLoans/loans").asLong()).isEqualTo(1);
        assertThat(totals.at("/creditLoans/defaultedFen").asLong()).isEqualTo(100_000_000L);
        // 80% of 100万 = 80万 > the pool's 50万: the claim waits
        assertThat(totals.at("/riskPools/waitingClaimsFen").asLong()).isEqualTo(80_000_000L);
        assertThat(totals.at("/riskPools/balanceFen").asLong()).isEqualTo(50_000_000L);

        JsonNode byYear = api.get("finance", "/api/reports/credit/portfolio/year?asOf=2023-12-31").json();
        assertThat(byYear.get("rows").get(0).get("key").asText()).isEqualTo("2023");
        assertThat(byYear.at("/total/issuedFen").asLong()).isEqualTo(100_000_000L);
        JsonNode book = api.get("finance", "/api/reports/credit/loan-book?asOf=2023-12-31&status=defaulted").json();
        assertThat(book.get("totalRows").asLong()).isEqualTo(1);

        // the auditor's verification reads the PostgreSQL projections streamed, against a replay into a copy
        JsonNode verification = api.get("auditor", "/api/audit/verify").json();
        assertThat(verification.get("chainValid").asBoolean()).isTrue();
        assertThat(verification.get("projectionsMatch").asBoolean()).as(verification.toString()).isTrue();
    }

    /** Multipart parts of named files. */
    private static final class MultiValue {
        final LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();

        MultiValue file(String name, String content) {
            parts.add("file", new ByteArrayResource(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                @Override
                public String getFilename() {
                    return name;
                }
            });
            return this;
        }
    }
}
