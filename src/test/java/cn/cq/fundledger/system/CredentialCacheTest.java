package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.support.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The slow hash is paid once per user and password for a while; a wrong password never rides on the cache. */
class CredentialCacheTest {

    private final AtomicInteger slowChecks = new AtomicInteger();
    private final TestClock clock = new TestClock(java.time.Instant.parse("2026-12-03T08:00:00Z"));

    private CredentialCache cache(Duration ttl) {
        PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                slowChecks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("finance")
                .password(bcrypt.encode("secret")).roles("FINANCE").build());
        DaoAuthenticationProvider slow = new DaoAuthenticationProvider(users);
        slow.setPasswordEncoder(counting);
        return new CredentialCache(slow, ttl, 100, clock);
    }

    private static UsernamePasswordAuthenticationToken login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void theSlowHashIsCheckedOnceThenTheSamePasswordIsRecognised() {
        CredentialCache cache = cache(Duration.ofMinutes(5));
        Authentication first = cache.authenticate(login("finance", "secret"));
        Authentication second = cache.authenticate(login("finance", "secret"));
        assertThat(slowChecks).hasValue(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("finance");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(second.getCredentials()).as("no password kept on the answer").isNull();
    }

    @Test
    void aWrongPasswordIsCheckedSlowlyAndRefusedEvenWhileTheRightOneIsRemembered() {
        CredentialCache cache = cache(Duration.ofMinutes(5));
        cache.authenticate(login("finance", "secret"));
        assertThatThrownBy(() -> cache.authenticate(login("finance", "secreT")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(slowChecks).hasValue(2);
        // the right one is still recognised without the slow hash
        cache.authenticate(login("finance", "secret"));
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void aRememberedPasswordExpires() {
        CredentialCache cache = cache(Duration.ofMinutes(5));
        cache.authenticate(login("finance", "secret"));
        clock.advance(Duration.ofMinutes(5));
        cache.authenticate(login("finance", "secret"));
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void aZeroTimeToLiveRemembersNothing() {
        CredentialCache cache = cache(Duration.ZERO);
        cache.authenticate(login("finance", "secret"));
        cache.authenticate(login("finance", "secret"));
        assertThat(slowChecks).hasValue(2);
    }
}
