package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.TestClock;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The throttle's rules: 10 failures within a minute block a user name, or an address, for 5 minutes; fewer, or
 * slower, do not; other names and addresses are not held back; the state stays bounded whatever is sprayed at it.
 */
class LoginThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.defaults(), clock, metrics);
    private final Logger logger = (Logger) LoggerFactory.getLogger(LoginThrottle.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    /** The throttle's log lines are kept for the assertions, out of the build's output. */
    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
        logger.setAdditive(false);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
        logger.setAdditive(true);
    }

    /** Each failure from its own address, so only the user's count matters. */
    private void failAs(String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, "10.1.0." + i);
        }
    }

    /** Each failure for its own user name, so only the address's count matters. */
    private void failFrom(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed("someone-" + i, address);
        }
    }

    private boolean refused(String user, String address) {
        return throttle.refusal(user, address).isPresent();
    }

    @Test
    void tenFailuresWithinAMinuteBlockTheUserForFiveMinutes() {
        failAs("alice", 9);
        clock.advance(Duration.ofSeconds(59));
        assertThat(refused("alice", "10.9.9.9")).isFalse();
        throttle.failed("alice", "10.1.0.9");

        assertThat(throttle.refusal("alice", "10.9.9.9")).contains(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(throttle.refusal("alice", "10.9.9.9")).contains(Duration.ofSeconds(1));
    }

    @Test
    void nineFailuresDoNotBlock() {
        failAs("alice", 9);
        assertThat(refused("alice", "10.1.0.0")).isFalse();
    }

    @Test
    void tenFailuresSpreadOverMoreThanAMinuteDoNotBlock() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("alice", "10.1.0." + i);
            clock.advance(Duration.ofSeconds(7)); // the tenth comes 63 s after the first
        }
        assertThat(refused("alice", "10.9.9.9")).isFalse();
    }

    @Test
    void theBlockEndsAfterTheConfiguredTimeAndTheCountStartsOver() {
        throttle = new LoginThrottle(new LoginThrottle.Settings(10, null, Duration.ofMinutes(1), Duration.ofMinutes(2),
                10_000), clock, metrics);
        failAs("alice", 10);
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(refused("alice", "10.9.9.9")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(refused("alice", "10.9.9.9")).isFalse();

        failAs("alice", 9);
        assertThat(refused("alice", "10.9.9.9")).isFalse();
    }

    @Test
    void aBlockedUserIsRefusedFromEveryAddressAndOthersAreNot() {
        failAs("alice", 10);
        assertThat(refused("alice", "10.1.0.0")).isTrue();
        assertThat(refused("alice", "192.168.7.7")).isTrue();
        assertThat(refused("bob", "10.1.0.0")).isFalse();
        assertThat(refused("bob", "192.168.7.7")).isFalse();
    }

    @Test
    void userNamesDifferingOnlyInCaseAreOneUser() {
        // the in-memory user store ignores case: ALICE and alice are the same account
        failAs("alice", 5);
        failAs("ALICE", 4);
        throttle.failed("Alice", "10.2.0.1");
        assertThat(refused("alice", "10.9.9.9")).isTrue();
    }

    @Test
    void tenFailuresFromOneAddressBlockItForEveryUserAndOnlyIt() {
        failFrom("10.0.0.1", 10);
        assertThat(refused("someone-0", "10.0.0.1")).isTrue();
        assertThat(refused("carol", "10.0.0.1")).as("an untried user from the blocked address").isTrue();
        assertThat(refused("someone-0", "10.0.0.2")).as("the same users from another address").isFalse();
        assertThat(refused("carol", "10.0.0.2")).isFalse();
    }

    @Test
    void anAddressMayHaveItsOwnLimit() {
        throttle = new LoginThrottle(new LoginThrottle.Settings(10, 25, Duration.ofMinutes(1), Duration.ofMinutes(5),
                10_000), clock, metrics);
        failFrom("10.0.0.1", 24);
        assertThat(refused("carol", "10.0.0.1")).isFalse();
        throttle.failed("someone-24", "10.0.0.1");
        assertThat(refused("carol", "10.0.0.1")).isTrue();
    }

    @Test
    void aSuccessResetsTheUsersCountButNotTheAddresses() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.2");
        assertThat(refused("alice", "10.0.0.2")).isFalse();

        throttle.failed("mallory", "10.0.0.1"); // the address's tenth failure within the minute
        assertThat(refused("dave", "10.0.0.1")).isTrue();
    }

    @Test
    void aSuccessDoesNotLiftABlock() {
        failAs("alice", 10);
        throttle.succeeded("alice");
        assertThat(refused("alice", "10.9.9.9")).isTrue();
    }

    @Test
    void theWaitIsTheLaterOfTheUsersAndTheAddresssBlock() {
        failFrom("10.0.0.1", 10);
        clock.advance(Duration.ofMinutes(2));
        failAs("alice", 10);
        assertThat(throttle.refusal("alice", "10.0.0.1")).contains(Duration.ofMinutes(5));
        assertThat(throttle.refusal("bob", "10.0.0.1")).contains(Duration.ofMinutes(3));
    }

    @Test
    void sprayingNamesFromManyAddressesKeepsTheStateBoundedAndKeepsBlocksInForce() {
        throttle = new LoginThrottle(new LoginThrottle.Settings(10, null, Duration.ofMinutes(1), Duration.ofMinutes(5),
                100), clock, metrics);
        failAs("alice", 10);
        for (int i = 0; i < 50_000; i++) {
            throttle.failed("random-" + i, "172.16." + (i / 256 % 256) + "." + (i % 256));
        }
        // at most 100 counts and 100 blocks for each of user names and addresses
        assertThat(throttle.tracked()).isLessThanOrEqualTo(400);
        assertThat(refused("alice", "10.9.9.9")).isTrue();
    }

    @Test
    void expiredCountsAndBlocksAreDropped() {
        failAs("alice", 10);
        failFrom("10.0.0.1", 3);
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("bob", "10.0.0.9");
        assertThat(throttle.tracked()).isEqualTo(2); // bob and 10.0.0.9
    }

    @Test
    void failuresComeFromSpringSecuritysEventsWithTheClientAddress() {
        for (int i = 0; i < 10; i++) {
            UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                    "user-" + i, "wrong");
            attempt.setDetails(new WebAuthenticationDetails("10.0.0.1", null));
            throttle.on(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("bad")));
        }
        assertThat(refused("anyone", "10.0.0.1")).isTrue();

        for (int i = 0; i < 10; i++) {
            UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("bob", "x");
            throttle.on(new AuthenticationFailureServiceExceptionEvent(attempt,
                    new InternalAuthenticationServiceException("the user store is down")));
        }
        assertThat(refused("bob", "10.0.0.2")).as("the store's failure is not the caller's").isFalse();
    }

    @Test
    void aSuccessEventResetsTheUsersCount() {
        failAs("alice", 9);
        throttle.on(new AuthenticationSuccessEvent(UsernamePasswordAuthenticationToken.authenticated("alice", null,
                AuthorityUtils.createAuthorityList("ROLE_OPERATOR"))));
        failAs("alice", 9);
        assertThat(refused("alice", "10.9.9.9")).isFalse();
    }

    @Test
    void failuresAndBlocksAreCounted() {
        failAs("alice", 10);
        failFrom("10.0.0.1", 10);
        refused("alice", "10.9.9.9");
        assertThat(metrics.get("fundledger.login.failures").counter().count()).isEqualTo(20);
        assertThat(metrics.get("fundledger.login.blocked").tag("scope", "user").counter().count()).isEqualTo(1);
        assertThat(metrics.get("fundledger.login.blocked").tag("scope", "address").counter().count()).isEqualTo(1);
        assertThat(metrics.get("fundledger.login.refused").counter().count()).isEqualTo(1);
    }

    @Test
    void everyFailureAndEveryBlockIsLoggedAtWarnWithTheUserAndTheAddress() {
        failFrom("10.0.0.1", 9);
        throttle.failed("eve\r\nforged line", "10.0.0.1");
        List<ILoggingEvent> lines = log.list;
        assertThat(lines).hasSize(11).allMatch(line -> line.getLevel() == Level.WARN);
        assertThat(lines.get(0).getFormattedMessage()).contains("'someone-0'", "10.0.0.1");
        assertThat(lines.get(9).getFormattedMessage()).contains("'eve??forged line'", "10.0.0.1")
                .doesNotContain("\n");
        assertThat(lines.get(10).getFormattedMessage()).startsWith("Sign-ins from 10.0.0.1 blocked for 300s");
    }

    @Test
    void userNamesAreLoggedWithoutControlCharactersAndAtMost64Characters() {
        assertThat(LoginThrottle.forLog("eve\r\n2026-03-01 INFO forged\u0000\u202e")).isEqualTo("eve??2026-03-01 INFO forged??");
        assertThat(LoginThrottle.forLog("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(LoginThrottle.forLog("a".repeat(65))).isEqualTo("a".repeat(63) + "…").hasSize(64);
        assertThat(LoginThrottle.forLog("用户名")).isEqualTo("用户名");
        assertThat(LoginThrottle.forLog(null)).isEqualTo("(unknown)");
    }

    @Test
    void theDefaultsAreTenFailuresAMinuteFiveMinutesBlocked() {
        LoginThrottle.Settings defaults = LoginThrottle.Settings.defaults();
        assertThat(defaults.maxFailures()).isEqualTo(10);
        assertThat(defaults.addressLimit()).isEqualTo(10);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.block()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxTracked()).isEqualTo(10_000);
    }
}
