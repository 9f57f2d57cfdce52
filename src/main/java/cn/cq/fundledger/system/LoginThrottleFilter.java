package cn.cq.fundledger.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses sign-in attempts whose user or address {@link LoginThrottle} has blocked, before any password is
 * checked: 429 problem+json with {@code Retry-After} in seconds and the same words whichever was blocked.
 * It sits in the security chain before the authentication filters (it is not a bean, so the servlet container
 * does not run it a second time).
 *
 * <p>A sign-in attempt is a request with an HTTP Basic {@code Authorization} header, or a form POST to
 * {@code /login} with a {@code username} field. Requests without credentials pass untouched: they are no
 * attempt, and health checks keep answering from a blocked address.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    public static final String FORM_LOGIN_PATH = "/login";
    public static final String FORM_USERNAME = "username";

    private final LoginThrottle throttle;
    private final ObjectMapper objectMapper;

    private final boolean pages;

    public LoginThrottleFilter(LoginThrottle throttle, ObjectMapper objectMapper) {
        this(throttle, objectMapper, false);
    }

    /** {@code pages}: the dashboard's form login, answered with the sign-in page (429) instead of problem+json. */
    public LoginThrottleFilter(LoginThrottle throttle, ObjectMapper objectMapper, boolean pages) {
        this.throttle = throttle;
        this.objectMapper = objectMapper;
        this.pages = pages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> user = attemptedUser(request);
        Optional<Duration> wait = user.flatMap(name -> throttle.refusal(name, request.getRemoteAddr()));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, wait.get().plusMillis(999).toSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (pages) {
            // a person at the sign-in form: back to the form, which says to wait (no password was checked)
            response.sendRedirect(request.getContextPath() + FORM_LOGIN_PATH + "?blocked");
            return;
        }
        SecurityConfiguration.problem(response, objectMapper, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                "Too many failed sign-ins; try again later.", false);
    }

    /** The user name a request tries to sign in as ("" when unreadable), or empty when it carries no credentials. */
    static Optional<String> attemptedUser(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(colon < 0 ? "" : decoded.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return Optional.of("");
            }
        }
        if ("POST".equals(request.getMethod())
                && FORM_LOGIN_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            String name = request.getParameter(FORM_USERNAME);
            return Optional.of(name == null ? "" : name);
        }
        return Optional.empty();
    }
}
