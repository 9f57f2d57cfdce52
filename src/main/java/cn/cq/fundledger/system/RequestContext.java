package cn.cq.fundledger.system;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is asking and under which correlation id, for the thread handling one request (or one import or
 * start-up job). The command dispatch interceptor copies both into every command's metadata, and from
 * there Axon copies them into the metadata of every event the command causes.
 */
public final class RequestContext {

    public static final String USER = "user";
    public static final String CORRELATION_ID = "correlationId";
    /** Metadata key naming where a command came from, e.g. the file and row of an import. */
    public static final String SOURCE = "source";

    private static final ThreadLocal<String> CORRELATION = new ThreadLocal<>();
    private static final ThreadLocal<String> SYSTEM_USER = new ThreadLocal<>();

    private RequestContext() {
    }

    public static String correlationId() {
        String id = CORRELATION.get();
        return id != null ? id : UUID.randomUUID().toString();
    }

    public static Optional<String> currentCorrelationId() {
        return Optional.ofNullable(CORRELATION.get());
    }

    public static void setCorrelationId(String id) {
        CORRELATION.set(id);
    }

    /** Runs work on behalf of the ledger itself (e.g. the first-start import), with its own correlation id. */
    public static void runAsSystem(String user, Runnable work) {
        String previousUser = SYSTEM_USER.get();
        String previousCorrelation = CORRELATION.get();
        SYSTEM_USER.set(user);
        CORRELATION.set(UUID.randomUUID().toString());
        try {
            work.run();
        } finally {
            SYSTEM_USER.set(previousUser);
            CORRELATION.set(previousCorrelation);
        }
    }

    static Optional<String> systemUser() {
        return Optional.ofNullable(SYSTEM_USER.get());
    }

    /** The user on whose behalf this thread works: the system job's, else the authenticated caller's. */
    public static String currentUser() {
        return systemUser().orElseGet(() -> {
            org.springframework.security.core.Authentication auth =
                    org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            return auth != null && auth.isAuthenticated() ? auth.getName() : "anonymous";
        });
    }

    public static void clear() {
        CORRELATION.remove();
    }
}
