package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** Roles: OPERATOR records, AUDITOR audits, FINANCE reads reports, ADMIN sets policy; health is public. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:security;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
class SecurityIntegrationTest {

    @Autowired
    TestRestTemplate http;

    LedgerApi api;

    @BeforeEach
    void setUp() {
        api = new LedgerApi(http);
    }

    @Test
    void healthAnswersWithoutCredentials() {
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void theApiRefusesAnonymousCallersWithProblemJson() {
        Answer answer = api.get(null, "/api/totals");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void aWrongPasswordIsRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", "not-the-password");
        int status = http.exchange("/api/totals", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                .getStatusCode().value();
        assertThat(status).isEqualTo(401);
    }

    @Test
    void everyRoleReadsTheTotals() {
        for (String user : new String[]{"operator", "auditor", "finance", "admin"}) {
            assertThat(api.get(user, "/api/totals?asOf=2024-04-14").status()).as(user).isEqualTo(200);
        }
    }

    @Test
    void onlyOperatorsRecordTransactions() {
        Map<String, String> bank = Map.of("bankId", "SEC-B", "name", "测试银行");
        for (String user : new String[]{"finance", "auditor", "admin"}) {
            Answer answer = api.post(user, "/api/credit/banks", bank);
            assertThat(answer.status()).as(user).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.post("operator", "/api/credit/banks", bank).status()).isIn(200, 201);
    }

    @Test
    void onlyAdminsSetPolicy() {
        Map<String, String> ratio = Map.of("effectiveFrom", "2018-01-01", "fundSharePct", "75");
        assertThat(api.post("operator", "/api/credit/risk-sharing", ratio).status()).isEqualTo(403);
        assertThat(api.post("finance", "/api/credit/risk-sharing", ratio).status()).isEqualTo(403);
        assertThat(api.post("admin", "/api/credit/risk-sharing", ratio).status()).isIn(200, 201);
    }
}
