package cn.cq.fundledger.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Who may do what. OPERATOR records transactions, AUDITOR reads the history and runs replay and
 * verification, FINANCE reads reports, ADMIN sets policy. HTTP Basic on /api/**; health answers anyone.
 *
 * <p>The default profile knows four users whose password is their name (README). Any other profile must
 * configure {@code fundledger.security.users} with password hashes ({bcrypt}, {argon2}, {pbkdf2},
 * {scrypt}) or the ledger refuses to start.
 *
 * <p>Failed sign-ins are throttled per user and per address ({@link LoginThrottle}, {@link LoginThrottleFilter}).
 */
@Configuration
@EnableConfigurationProperties({SecurityConfiguration.SecuritySettings.class, LoginThrottle.Settings.class})
public class SecurityConfiguration {

    public static final String OPERATOR = "OPERATOR";
    public static final String AUDITOR = "AUDITOR";
    public static final String FINANCE = "FINANCE";
    public static final String ADMIN = "ADMIN";

    private static final Pattern HASHED = Pattern.compile("^\\{(bcrypt|argon2(@SpringSecurity_v5_8)?|pbkdf2(@SpringSecurity_v5_8)?|scrypt(@SpringSecurity_v5_8)?|sha256)}.+");

    @ConfigurationProperties("fundledger.security")
    public record SecuritySettings(List<UserEntry> users) {
        public record UserEntry(String name, String password, List<String> roles) {
        }
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public UserDetailsService users(SecuritySettings settings, Environment environment, PasswordEncoder encoder) {
        boolean defaultProfile = environment.getActiveProfiles().length == 0;
        List<SecuritySettings.UserEntry> entries = settings.users() == null ? List.of() : settings.users();
        String profiles = Arrays.toString(environment.getActiveProfiles());
        if (entries.isEmpty()) {
            throw new IllegalStateException("No users are configured for profile(s) " + profiles
                    + ": set fundledger.security.users[i].name, .password (a hash such as {bcrypt}...) and .roles");
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        for (SecuritySettings.UserEntry entry : entries) {
            if (entry.name() == null || entry.password() == null || entry.roles() == null || entry.roles().isEmpty()) {
                throw new IllegalStateException("fundledger.security.users: every user needs a name, a password and roles");
            }
            if (cn.cq.fundledger.core.Input.problemWith("name", entry.name(), cn.cq.fundledger.core.Input.MAX_ID) != null
                    || entry.name().isBlank()) {
                throw new IllegalStateException("fundledger.security.users: the user name '" + entry.name().replaceAll(
                        "\\p{Cntrl}", "?") + "' is not 1 to " + cn.cq.fundledger.core.Input.MAX_ID + " printable "
                        + "characters (it is recorded with every event the user causes)");
            }
            if (!defaultProfile && !HASHED.matcher(entry.password()).matches()) {
                throw new IllegalStateException("User '" + entry.name() + "' of profile(s) " + profiles
                        + " has no password hash: configure {bcrypt}..., {argon2}..., {pbkdf2}... or {scrypt}...");
            }
            UserDetails user = User.withUsername(entry.name()).password(entry.password())
                    .roles(entry.roles().toArray(String[]::new)).build();
            manager.createUser(user);
        }
        return manager;
    }

    /**
     * The one way users are authenticated, API and pages alike: the password checked against its slow hash, then
     * recognised for {@code fundledger.security.credential-cache.ttl} by a keyed digest ({@link CredentialCache}),
     * so that HTTP Basic on every call costs the slow hash once per client, not per call.
     */
    @Bean
    public CredentialCache credentialCache(UserDetailsService users, PasswordEncoder encoder, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${fundledger.security.credential-cache.ttl:5m}")
            java.time.Duration ttl) {
        org.springframework.security.authentication.dao.DaoAuthenticationProvider slow =
                new org.springframework.security.authentication.dao.DaoAuthenticationProvider(users);
        slow.setPasswordEncoder(encoder);
        return new CredentialCache(slow, ttl, 10_000, clock);
    }

    @Bean
    public LoginThrottle loginThrottle(LoginThrottle.Settings settings, Clock clock, MeterRegistry metrics) {
        return new LoginThrottle(settings, clock, metrics);
    }

    /** The paths of the JSON API and the machine endpoints: HTTP Basic, no session, no CSRF (no cookies to ride). */
    static final String[] API_PATHS = {"/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**",
            "/swagger-ui.html", "/error"};

    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    public SecurityFilterChain api(HttpSecurity http, ObjectMapper objectMapper, LoginThrottle throttle) throws Exception {
        http.securityMatcher(API_PATHS);
        http.addFilterBefore(new LoginThrottleFilter(throttle, objectMapper), UsernamePasswordAuthenticationFilter.class);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        problem(response, objectMapper, HttpStatus.UNAUTHORIZED, "Authentication required",
                                "Sign in with HTTP Basic credentials.", true)))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((request, response, e) -> problem(response, objectMapper,
                                HttpStatus.UNAUTHORIZED, "Authentication required",
                                "Sign in with HTTP Basic credentials.", true))
                        .accessDeniedHandler((request, response, e) -> problem(response, objectMapper,
                                HttpStatus.FORBIDDEN, "Forbidden",
                                "Your role may not " + request.getMethod() + " " + request.getRequestURI() + ".", false)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(ADMIN, AUDITOR)
                        // what-if: finance staff (and the policy's owners) try policies on the history
                        .requestMatchers("/api/what-if/**").hasAnyRole(FINANCE, ADMIN)
                        // policy
                        .requestMatchers(HttpMethod.POST, "/api/credit/risk-sharing", "/api/credit/fuse-thresholds",
                                "/api/credit/banks/*/reinstatement", "/api/seed/policies/**", "/api/equity/policies/**")
                        .hasRole(ADMIN)
                        // audit
                        .requestMatchers("/api/audit/**").hasAnyRole(AUDITOR, ADMIN)
                        // reports for finance staff
                        .requestMatchers(HttpMethod.GET, "/api/reports/**").hasAnyRole(FINANCE, AUDITOR, ADMIN)
                        // transactions
                        .requestMatchers(HttpMethod.POST, "/api/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.PUT, "/api/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.DELETE, "/api/**").denyAll()
                        // reading the ledger's own figures
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The dashboard's pages: a form login at {@code /login} giving a session (its cookie HttpOnly, SameSite=Lax),
     * CSRF tokens on every form, {@code /logout}; an anonymous request for a page is sent to {@code /login}. The
     * menus and the pages follow the API's roles. A content security policy allows the ledger's own scripts and
     * styles only (no inline script, no other origin).
     */
    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    public SecurityFilterChain pages(HttpSecurity http, ObjectMapper objectMapper, LoginThrottle throttle)
            throws Exception {
        http.addFilterBefore(new LoginThrottleFilter(throttle, objectMapper, true),
                UsernamePasswordAuthenticationFilter.class);
        http.formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/", false)
                        .failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/imports/**", "/record/**").hasRole(OPERATOR)
                        .requestMatchers("/audit/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers("/policy/**").hasRole(ADMIN)
                        .requestMatchers("/what-if/**").hasAnyRole(FINANCE, ADMIN)
                        // the programs' reports, for those who may read /api/reports
                        .requestMatchers("/credit/**", "/seed/**", "/equity/**").hasAnyRole(FINANCE, AUDITOR, ADMIN)
                        // the overview and the explanations of its figures, like /api/totals: every role
                        .anyRequest().authenticated());
        return http.build();
    }

    /** The pages' content security policy: everything from the ledger itself, nothing inline, no frames. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static void problem(HttpServletResponse response, ObjectMapper mapper, HttpStatus status, String title,
                                String detail, boolean challenge) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"fund-ledger\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "title", problem.getTitle(),
                "status", status.value(), "detail", detail));
    }
}
