package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.TestClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The filter in front of the authentication filters: a sign-in attempt (HTTP Basic, or a form POST to /login)
 * whose user or address is blocked is answered 429 before any password is checked, in the same words whichever
 * is blocked; a request without credentials passes.
 */
class LoginThrottleFilterTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.defaults(), clock,
            new SimpleMeterRegistry());
    private final LoginThrottleFilter filter = new LoginThrottleFilter(throttle, new ObjectMapper());

    private static MockHttpServletRequest basic(String user, String password, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/totals");
        request.setRemoteAddr(address);
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return request;
    }

    private record Outcome(MockHttpServletResponse response, boolean passed) {
    }

    private Outcome run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(response, chain.getRequest() != null);
    }

    private void blockUser(String user) {
        for (int i = 0; i < 10; i++) {
            throttle.failed(user, "10.1.0." + i);
        }
    }

    private void blockAddress(String address) {
        for (int i = 0; i < 10; i++) {
            throttle.failed("someone-" + i, address);
        }
    }

    @Test
    void aBlockedUserIsAnswered429WithRetryAfterEvenWithTheRightPassword() throws Exception {
        blockUser("operator");
        clock.advance(Duration.ofMillis(61_500));

        Outcome outcome = run(basic("operator", "operator", "10.9.9.9"));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.response().getStatus()).isEqualTo(429);
        assertThat(outcome.response().getHeader("Retry-After")).isEqualTo("239"); // 238.5 s, rounded up
        assertThat(outcome.response().getContentType()).startsWith("application/problem+json");
        assertThat(outcome.response().getContentAsString(StandardCharsets.UTF_8))
                .contains("\"status\":429", "Too many failed sign-ins; try again later.")
                .doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("user")
                .doesNotContain("address", "10.9.9.9", "operator");
    }

    @Test
    void aBlockedAddressGetsTheSameAnswerAsABlockedUser() throws Exception {
        blockUser("operator");
        blockAddress("10.0.0.1");

        Outcome user = run(basic("operator", "operator", "10.9.9.9"));
        Outcome address = run(basic("auditor", "auditor", "10.0.0.1"));

        assertThat(address.response().getStatus()).isEqualTo(429);
        assertThat(address.response().getContentAsString()).isEqualTo(user.response().getContentAsString());
        assertThat(address.response().getHeader("Retry-After")).isEqualTo(user.response().getHeader("Retry-After"));
    }

    @Test
    void othersPassAndRequestsWithoutCredentialsPass() throws Exception {
        blockUser("operator");
        blockAddress("10.0.0.1");

        assertThat(run(basic("auditor", "auditor", "10.9.9.9")).passed()).isTrue();
        MockHttpServletRequest anonymous = new MockHttpServletRequest("GET", "/actuator/health");
        anonymous.setRemoteAddr("10.0.0.1");
        assertThat(run(anonymous).passed()).as("a health check from a blocked address").isTrue();
    }

    @Test
    void aFormLoginIsAnAttemptToo() throws Exception {
        blockUser("operator");
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/login");
        form.setRemoteAddr("10.9.9.9");
        form.setContentType("application/x-www-form-urlencoded");
        form.addParameter("username", "operator");
        form.addParameter("password", "operator");

        assertThat(run(form).response().getStatus()).isEqualTo(429);
    }

    @Test
    void theAttemptedUserIsReadFromTheCredentials() {
        assertThat(LoginThrottleFilter.attemptedUser(basic("Operator", "p:w", "10.0.0.1"))).contains("Operator");
        MockHttpServletRequest garbled = new MockHttpServletRequest("GET", "/api/totals");
        garbled.addHeader("Authorization", "basic %%%");
        assertThat(LoginThrottleFilter.attemptedUser(garbled)).contains("");
        MockHttpServletRequest bearer = new MockHttpServletRequest("GET", "/api/totals");
        bearer.addHeader("Authorization", "Bearer abc");
        assertThat(LoginThrottleFilter.attemptedUser(bearer)).isEmpty();
        assertThat(LoginThrottleFilter.attemptedUser(new MockHttpServletRequest("POST", "/api/credit/banks"))).isEmpty();
    }
}
