package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import cn.cq.fundledger.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Failed HTTP Basic sign-ins over real HTTP: the 11th attempt for a user within a minute is answered 429
 * (problem+json, Retry-After, no hint which part was wrong), even with the right password, while other users
 * sign in. Every request of this test comes from 127.0.0.1, so the address's limit is set apart here (25) to
 * tell the per-user rule from the per-address one; the time is the test's, moved on an hour before each test so
 * that none inherits another's failures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false",
                "fundledger.security.login-throttle.max-failures-per-address=25"})
class LoginThrottleIntegrationTest {

    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Clock.systemUTC().instant(), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    TestClock clock;

    @Autowired
    MeterRegistry metrics;

    LedgerApi api;

    /** Every user's password is their name; this caller always types a wrong one. */
    LedgerApi wrong;

    @BeforeEach
    void setUp() {
        api = new LedgerApi(http);
        wrong = new LedgerApi(http, user -> "not-" + user);
        clock.advance(Duration.ofHours(1));
    }

    private static void assertTooManyRequests(Answer answer) {
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(answer.headers().getFirst("Retry-After"))).isBetween(1L, 300L);
        assertThat(answer.headers().getFirst("WWW-Authenticate")).isNull();
        assertThat(answer.body()).contains("\"status\":429", "Too many failed sign-ins; try again later.")
                .doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("user")
                .doesNotContain("address", "127.0.0.1");
    }

    @Test
    void theEleventhAttemptForAUserIsRefusedEvenWithTheRightPasswordAndOtherUsersSignIn() {
        double failuresBefore = metrics.get("fundledger.login.failures").counter().count();
        for (int i = 1; i <= 10; i++) {
            Answer answer = wrong.get("operator", "/api/totals?asOf=2024-04-14");
            assertThat(answer.status()).as("attempt %d", i).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(metrics.get("fundledger.login.failures").counter().count()).isEqualTo(failuresBefore + 10);

        assertTooManyRequests(wrong.get("operator", "/api/totals?asOf=2024-04-14"));
        assertTooManyRequests(api.get("operator", "/api/totals?asOf=2024-04-14"));
        assertThat(api.get("auditor", "/api/totals?asOf=2024-04-14").status()).as("another user").isEqualTo(200);
        assertThat(api.get(null, "/api/totals").status()).as("no credentials: no attempt").isEqualTo(401);

        clock.advance(Duration.ofMinutes(4));
        assertTooManyRequests(api.get("operator", "/api/totals?asOf=2024-04-14"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(api.get("operator", "/api/totals?asOf=2024-04-14").status()).as("after 5 minutes").isEqualTo(200);
    }

    @Test
    void aSuccessResetsTheUsersCount() {
        for (int i = 0; i < 9; i++) {
            assertThat(wrong.get("finance", "/api/totals?asOf=2024-04-14").status()).isEqualTo(401);
        }
        assertThat(api.get("finance", "/api/totals?asOf=2024-04-14").status()).isEqualTo(200);
        for (int i = 0; i < 9; i++) {
            assertThat(wrong.get("finance", "/api/totals?asOf=2024-04-14").status()).isEqualTo(401);
        }
        assertThat(api.get("finance", "/api/totals?asOf=2024-04-14").status()).isEqualTo(200);
    }

    @Test
    void anAddressWithTooManyFailuresForAnyUsersIsRefusedForEveryUser() {
        for (int i = 1; i <= 25; i++) {
            assertThat(wrong.get("stranger-" + i, "/api/totals").status()).as("attempt %d", i).isEqualTo(401);
        }
        assertTooManyRequests(api.get("admin", "/api/totals?asOf=2024-04-14"));
        assertTooManyRequests(wrong.get("stranger-1", "/api/totals"));
        assertThat(api.get(null, "/actuator/health").status()).as("health answers a blocked address").isEqualTo(200);
    }
}
