package cn.cq.fundledger.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks a user's password with the slow hash once, then, for a while, recognises the same user name and password
 * by a keyed digest kept in memory: a machine client sending HTTP Basic on every call pays the slow hash (about
 * 75 ms of BCrypt) on its first call only, and about a microsecond after that. Passwords stay stored as slow hashes;
 * the memory holds an HMAC of each recently verified password under a key made at start and never written anywhere,
 * so the cache reveals no password and does not survive a restart. A wrong password never matches the digest and
 * goes to the slow check (and to the throttle, which counts failures before authentication). Entries expire after
 * {@code ttl}; at most {@code capacity} users are remembered.
 */
public final class CredentialCache implements AuthenticationProvider {

    private final AuthenticationProvider slow;
    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(byte[] digest, Authentication authenticated, Instant expires) {
    }

    public CredentialCache(AuthenticationProvider slow, Duration ttl, int capacity, Clock clock) {
        this.slow = slow;
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (name == null || !(credentials instanceof String password) || ttl.isZero()) {
            return slow.authenticate(authentication);
        }
        byte[] digest = digest(name, password);
        Instant now = clock.instant();
        Entry kept = entries.get(name);
        if (kept != null && now.isBefore(kept.expires()) && MessageDigest.isEqual(kept.digest(), digest)) {
            UsernamePasswordAuthenticationToken again = UsernamePasswordAuthenticationToken.authenticated(
                    kept.authenticated().getPrincipal(), null, kept.authenticated().getAuthorities());
            again.setDetails(authentication.getDetails());
            return again;
        }
        Authentication verified = slow.authenticate(authentication);
        if (verified != null && verified.isAuthenticated()) {
            if (entries.size() >= capacity) {
                entries.values().removeIf(e -> !now.isBefore(e.expires()));
                if (entries.size() >= capacity) {
                    entries.clear();
                }
            }
            entries.put(name, new Entry(digest, verified, now.plus(ttl)));
        }
        return verified;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return slow.supports(authentication);
    }

    private byte[] digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
