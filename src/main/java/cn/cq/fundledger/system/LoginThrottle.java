package cn.cq.fundledger.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed sign-ins, counted per user name and per client address. When a user name or an address reaches its
 * limit of failures within the window, its further sign-in attempts are refused for the block time, whatever
 * the password ({@link LoginThrottleFilter} answers 429 before any password is checked, so a blocked account is
 * no password oracle). A success resets the user's count unless the user is blocked; it never lifts a block
 * and never resets an address's count.
 *
 * <p>Failures and successes arrive as Spring Security's authentication events, so every way of signing in
 * that goes through the authentication manager (HTTP Basic today, a form login later) is counted. The
 * address is the one the authentication details recorded ({@code request.getRemoteAddr()}).
 *
 * <p>Memory is bounded: at most {@code max-tracked} user names and as many addresses have a failure count,
 * and as many of each a block; a new name beyond that evicts the one whose last failure is oldest. Blocks are
 * kept apart from counts, so a spray of random names evicts counts, never a block in force.
 */
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Keys longer than this are cut: a user name is a header's worth of attacker's text. */
    static final int MAX_KEY = 128;
    /** A user name is logged with at most this many characters. */
    static final int MAX_LOGGED = 64;

    @ConfigurationProperties("fundledger.security.login-throttle")
    public record Settings(@DefaultValue("10") int maxFailures, Integer maxFailuresPerAddress,
                           @DefaultValue("1m") Duration window, @DefaultValue("5m") Duration block,
                           @DefaultValue("10000") int maxTracked) {
        public Settings {
            if (maxFailures < 1 || (maxFailuresPerAddress != null && maxFailuresPerAddress < 1)) {
                throw new IllegalArgumentException("fundledger.security.login-throttle: max-failures must be at least 1");
            }
            if (window == null || window.isNegative() || window.isZero() || block == null || block.isNegative()
                    || block.isZero()) {
                throw new IllegalArgumentException("fundledger.security.login-throttle: window and block must be positive");
            }
            if (maxTracked < 1) {
                throw new IllegalArgumentException("fundledger.security.login-throttle: max-tracked must be at least 1");
            }
        }

        /** The defaults: 10 failures within a minute block for 5 minutes; 10,000 names and addresses tracked. */
        public static Settings defaults() {
            return new Settings(10, null, Duration.ofMinutes(1), Duration.ofMinutes(5), 10_000);
        }

        int addressLimit() {
            return maxFailuresPerAddress == null ? maxFailures : maxFailuresPerAddress;
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Tracker users;
    private final Tracker addresses;
    private final Counter failures;
    private final Counter userBlocks;
    private final Counter addressBlocks;
    private final Counter refusals;

    public LoginThrottle(Settings settings, Clock clock, MeterRegistry metrics) {
        this.settings = settings;
        this.clock = clock;
        this.users = new Tracker(settings.maxFailures(), settings.maxTracked());
        this.addresses = new Tracker(settings.addressLimit(), settings.maxTracked());
        this.failures = Counter.builder("fundledger.login.failures")
                .description("Failed sign-ins (wrong user name or password)").register(metrics);
        this.userBlocks = Counter.builder("fundledger.login.blocked").tag("scope", "user")
                .description("Blocks started after too many failed sign-ins").register(metrics);
        this.addressBlocks = Counter.builder("fundledger.login.blocked").tag("scope", "address")
                .description("Blocks started after too many failed sign-ins").register(metrics);
        this.refusals = Counter.builder("fundledger.login.refused")
                .description("Sign-in attempts refused (429) while their user or address was blocked").register(metrics);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Whether an attempt to sign in as {@code user} from {@code address} must be refused.
     *
     * @return how long until it may be tried again, or empty when it may be tried now
     */
    public synchronized Optional<Duration> refusal(String user, String address) {
        Instant now = clock.instant();
        Instant until = later(users.blockedUntil(userKey(user), now), addresses.blockedUntil(addressKey(address), now));
        if (until == null) {
            return Optional.empty();
        }
        refusals.increment();
        log.debug("Sign-in as '{}' from {} refused until {}", forLog(user), forLog(address), until);
        return Optional.of(Duration.between(now, until));
    }

    /** Counts a failed sign-in as {@code user} from {@code address} (null when unknown), and blocks at the limit. */
    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        failures.increment();
        int forUser = users.fail(userKey(user), now, settings.window());
        int fromAddress = address == null ? 0 : addresses.fail(addressKey(address), now, settings.window());
        log.warn("Sign-in failed for user '{}' from {} ({} of {} failures for the user, {} of {} from the address, within {}s)",
                forLog(user), forLog(address), forUser, settings.maxFailures(), fromAddress, settings.addressLimit(),
                settings.window().toSeconds());
        if (forUser >= settings.maxFailures()) {
            users.block(userKey(user), now.plus(settings.block()));
            userBlocks.increment();
            log.warn("Sign-ins as user '{}' blocked for {}s after {} failures within {}s, the last from {}",
                    forLog(user), settings.block().toSeconds(), forUser, settings.window().toSeconds(), forLog(address));
        }
        if (address != null && fromAddress >= settings.addressLimit()) {
            addresses.block(addressKey(address), now.plus(settings.block()));
            addressBlocks.increment();
            log.warn("Sign-ins from {} blocked for {}s after {} failures within {}s, the last as user '{}'",
                    forLog(address), settings.block().toSeconds(), fromAddress, settings.window().toSeconds(), forLog(user));
        }
    }

    /** A successful sign-in resets the user's failures, unless the user is blocked (the block stays). */
    public synchronized void succeeded(String user) {
        String key = userKey(user);
        if (users.blockedUntil(key, clock.instant()) == null) {
            users.forget(key);
        }
    }

    @EventListener
    public void on(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureServiceExceptionEvent
                || event instanceof AuthenticationFailureProviderNotFoundEvent) {
            return; // the user store or the configuration failed, not the caller
        }
        Authentication attempt = event.getAuthentication();
        failed(attempt.getName(), attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null);
    }

    @EventListener
    public void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName());
    }

    /** Names and addresses with a failure count or a block (for tests of the bound). */
    synchronized int tracked() {
        return users.size() + addresses.size();
    }

    /** User names as the user store compares them: the in-memory store ignores case. */
    private static String userKey(String user) {
        String name = user == null ? "" : user.toLowerCase(Locale.ROOT);
        return name.length() > MAX_KEY ? name.substring(0, MAX_KEY) : name;
    }

    private static String addressKey(String address) {
        String key = address == null ? "" : address;
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Text from the caller made safe for one log line: control characters replaced, at most 64 characters. */
    static String forLog(String text) {
        if (text == null) {
            return "(unknown)";
        }
        StringBuilder safe = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (count == MAX_LOGGED - 1 && i < text.length()) {
                safe.append('…');
                break;
            }
            int type = Character.getType(c);
            boolean control = type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            safe.appendCodePoint(control ? '?' : c);
            count++;
        }
        return safe.toString();
    }

    /**
     * Failure times and blocks of one kind of key. Both maps keep their keys in the order of their last change
     * (a failure moves its key to the end), so the expired ones are at the front and the first to go when
     * the map is full.
     */
    private static final class Tracker {

        private final int limit;
        private final int capacity;
        private final LinkedHashMap<String, Deque<Instant>> failures = new LinkedHashMap<>();
        private final LinkedHashMap<String, Instant> blocks = new LinkedHashMap<>();

        Tracker(int limit, int capacity) {
            this.limit = limit;
            this.capacity = capacity;
        }

        /** Records a failure now and answers how many the key has within the window, this one included. */
        int fail(String key, Instant now, Duration window) {
            Instant since = now.minus(window);
            expire(now, since);
            Deque<Instant> times = failures.remove(key);
            if (times == null) {
                times = new ArrayDeque<>();
            }
            while (!times.isEmpty() && (!times.peekFirst().isAfter(since) || times.size() >= limit)) {
                times.removeFirst();
            }
            times.addLast(now);
            failures.put(key, times);
            if (failures.size() > capacity) {
                failures.remove(failures.keySet().iterator().next());
            }
            return times.size();
        }

        void block(String key, Instant until) {
            failures.remove(key);
            blocks.remove(key);
            blocks.put(key, until);
            if (blocks.size() > capacity) {
                blocks.remove(blocks.keySet().iterator().next()); // the block that ends first
            }
        }

        Instant blockedUntil(String key, Instant now) {
            Instant until = blocks.get(key);
            return until != null && until.isAfter(now) ? until : null;
        }

        void forget(String key) {
            failures.remove(key);
        }

        int size() {
            return failures.size() + blocks.size();
        }

        private void expire(Instant now, Instant since) {
            for (Iterator<Map.Entry<String, Deque<Instant>>> i = failures.entrySet().iterator(); i.hasNext(); ) {
                if (i.next().getValue().peekLast().isAfter(since)) {
                    break;
                }
                i.remove();
            }
            for (Iterator<Map.Entry<String, Instant>> i = blocks.entrySet().iterator(); i.hasNext(); ) {
                if (i.next().getValue().isAfter(now)) {
                    break;
                }
                i.remove();
            }
        }
    }
}
