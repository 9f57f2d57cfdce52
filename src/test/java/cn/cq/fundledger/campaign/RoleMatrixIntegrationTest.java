package cn.cq.fundledger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Who may call what, for every endpoint under /api (from the request mappings): anonymous callers get 401, a role
 * without the right 403, both as problem+json; a role with the right gets past security (any answer but 401/403, and
 * never a 5xx, whatever the filler values in the path make of the request).
 *
 * <p>The expected matrix is written out below, read off {@code system.SecurityConfiguration}: policy (risk sharing,
 * fuse thresholds, reinstatement, seed and equity policies) is ADMIN's; the audit is AUDITOR's and ADMIN's; reports
 * are FINANCE's, AUDITOR's and ADMIN's; what-if is FINANCE's and ADMIN's; every other POST records a transaction, OPERATOR's; every other GET reads the
 * ledger's own figures, anyone signed in. An endpoint missing from the table fails {@link #everyEndpointIsInTheMatrix()}:
 * a new endpoint must be classified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:campaign-roles;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@Import(CheapPasswords.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleMatrixIntegrationTest {

    private static final List<String> USERS = List.of("operator", "auditor", "finance", "admin");

    private static final Set<String> ANY = Set.of("operator", "auditor", "finance", "admin");
    private static final Set<String> OPERATOR = Set.of("operator");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> AUDIT = Set.of("auditor", "admin");
    private static final Set<String> REPORTS = Set.of("finance", "auditor", "admin");
    private static final Set<String> WHAT_IF = Set.of("finance", "admin");

    /** Method and pattern to the users whose role may call it. */
    static final Map<String, Set<String>> MATRIX = matrix(
            // credit: transactions, policy, reads
            "POST /api/credit/banks", OPERATOR,
            "GET /api/credit/banks", ANY,
            "GET /api/credit/banks/{bankId}/fuse", ANY,
            "POST /api/credit/banks/{bankId}/reinstatement", ADMIN,
            "POST /api/credit/fuse-thresholds", ADMIN,
            "GET /api/credit/fuse-thresholds", ANY,
            "POST /api/credit/guided-loans", OPERATOR,
            "POST /api/credit/corrections", OPERATOR,
            "GET /api/credit/corrections", ANY,
            "POST /api/credit/evaluations", OPERATOR,
            "GET /api/credit/enterprises/{enterpriseId}/evaluations", ANY,
            "POST /api/credit/risk-sharing", ADMIN,
            "GET /api/credit/risk-sharing", ANY,
            "POST /api/credit/pool-contributions", OPERATOR,
            "GET /api/credit/pools", ANY,
            "GET /api/credit/pools/{district}/claims", ANY,
            "POST /api/credit/loans", OPERATOR,
            "GET /api/credit/loans/{loanId}", ANY,
            "POST /api/credit/loans/{loanId}/repayments", OPERATOR,
            "POST /api/credit/loans/{loanId}/default", OPERATOR,
            "POST /api/credit/loans/{loanId}/claims", OPERATOR,
            "POST /api/credit/loans/{loanId}/recoveries", OPERATOR,
            // credit reports
            "GET /api/reports/credit/portfolio/{by}", REPORTS,
            "GET /api/reports/credit/portfolio/{by}/explain", REPORTS,
            "GET /api/reports/credit/pools/{district}/explain", REPORTS,
            "GET /api/reports/credit/pools", REPORTS,
            "GET /api/reports/credit/loan-book", REPORTS,
            // seed
            "POST /api/seed/funds", OPERATOR,
            "GET /api/seed/funds", ANY,
            "GET /api/seed/funds/{fundId}", ANY,
            "POST /api/seed/funds/{fundId}/commitment-raises", OPERATOR,
            "POST /api/seed/investments", OPERATOR,
            "GET /api/seed/investments/{investmentId}", ANY,
            "POST /api/seed/investments/{investmentId}/exit", OPERATOR,
            "GET /api/seed/projects/{projectId}", ANY,
            "POST /api/seed/follow-on-rounds", OPERATOR,
            "GET /api/seed/follow-on-rounds", ANY,
            "POST /api/seed/corrections", OPERATOR,
            "POST /api/seed/policies/caps", ADMIN,
            "GET /api/seed/policies/caps", ANY,
            "POST /api/seed/policies/target", ADMIN,
            "GET /api/seed/policies/target", ANY,
            // seed reports
            "GET /api/reports/seed/portfolio/{by}", REPORTS,
            "GET /api/reports/seed/portfolio/{by}/explain", REPORTS,
            "GET /api/reports/seed/target/explain", REPORTS,
            "GET /api/reports/seed/investment-book/explain", REPORTS,
            "GET /api/reports/seed/target", REPORTS,
            "GET /api/reports/seed/investment-book", REPORTS,
            // equity
            "POST /api/equity/corrections", OPERATOR,
            "POST /api/equity/commitments", OPERATOR,
            "GET /api/equity/funds", ANY,
            "GET /api/equity/funds/{fundId}", ANY,
            "GET /api/equity/funds/{fundId}/partners", ANY,
            "GET /api/equity/funds/{fundId}/partners/{partner}", ANY,
            "POST /api/equity/funds/{fundId}/calls", OPERATOR,
            "GET /api/equity/funds/{fundId}/calls", ANY,
            "POST /api/equity/funds/{fundId}/distributions", OPERATOR,
            "GET /api/equity/funds/{fundId}/distributions", ANY,
            "POST /api/equity/deals", OPERATOR,
            "GET /api/equity/deals/{dealId}", ANY,
            "POST /api/equity/deals/{dealId}/marks", OPERATOR,
            "POST /api/equity/deals/{dealId}/exits", OPERATOR,
            // equity reports
            "GET /api/reports/equity/funds", REPORTS,
            "GET /api/reports/equity/funds/{fundId}", REPORTS,
            "GET /api/reports/equity/funds/explain", REPORTS,
            "GET /api/reports/equity/funds/{fundId}/explain", REPORTS,
            "GET /api/reports/equity/deals/explain", REPORTS,
            "GET /api/reports/equity/deals", REPORTS,
            // totals
            "GET /api/totals", ANY,
            "GET /api/totals/explain", ANY,
            // imports
            "POST /api/imports/{kind}", OPERATOR,
            "POST /api/imports", OPERATOR,
            "GET /api/imports/kinds", ANY,
            "GET /api/imports/templates/{file}", ANY,
            // audit
            "POST /api/audit/replay", AUDIT,
            "GET /api/audit/replay", AUDIT,
            "GET /api/audit/events", AUDIT,
            "GET /api/audit/events/export", AUDIT,
            "GET /api/audit/verify", AUDIT,
            "POST /api/audit/verifications", AUDIT,
            "GET /api/audit/verifications", AUDIT,
            "GET /api/audit/verifications/{id}", AUDIT,
            "GET /api/audit/processors", AUDIT,
            // what-if: finance staff and admins
            "POST /api/what-if/credit", WHAT_IF,
            "GET /api/what-if/credit/scenarios", WHAT_IF,
            "GET /api/what-if/credit/scenarios/{name}", WHAT_IF,
            "PUT /api/what-if/credit/scenarios/{name}", WHAT_IF,
            "DELETE /api/what-if/credit/scenarios/{name}", WHAT_IF,
            "POST /api/what-if/credit/scenarios/{name}/run", WHAT_IF,
            "POST /api/what-if/credit/comparisons", WHAT_IF);

    /** Plausible values for the path variables: ids that need not exist, a real district, a real breakdown. */
    private static final Map<String, String> FILLERS = Map.ofEntries(
            Map.entry("bankId", "B1"), Map.entry("enterpriseId", "E1"), Map.entry("district", "渝北区"),
            Map.entry("loanId", "L1"), Map.entry("by", "year"), Map.entry("fundId", "F1"),
            Map.entry("investmentId", "I1"), Map.entry("projectId", "P1"), Map.entry("partner", "市引导基金"),
            Map.entry("dealId", "D1"), Map.entry("kind", "banks"), Map.entry("file", "banks.csv"),
            Map.entry("name", "七成-2021"), Map.entry("id", "a-verification"));

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    TestRestTemplate http;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Wire wire() {
        return new Wire(http);
    }

    /** Every method and pattern under /api the ledger serves. */
    private Set<String> served() {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                assertThat(methods).as("%s answers every method: give it one", pattern).isNotEmpty();
                methods.forEach(m -> served.add(m.name() + " " + pattern));
            }
        }
        return served;
    }

    @Test
    @Order(1)
    void everyEndpointIsInTheMatrix() {
        Set<String> served = served();
        Set<String> unclassified = new TreeSet<>(served);
        unclassified.removeAll(MATRIX.keySet());
        assertThat(unclassified).as("endpoints nobody classified: add them to MATRIX with the roles that may call them")
                .isEmpty();
        Set<String> stale = new TreeSet<>(MATRIX.keySet());
        stale.removeAll(served);
        assertThat(stale).as("MATRIX rows for endpoints that no longer exist").isEmpty();
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAsAnonymousIs() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBasicAuth("admin", "not-the-password");
        var response = http.exchange(java.net.URI.create(http.getRootUri() + "/api/audit/verify"), HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), String.class);
        Problems.problem(new Answer(response.getStatusCode().value(), response.getHeaders(), response.getBody()), 401);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicNode> roleMatrix() {
        return served().stream().map(endpoint -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            String path = fill(pattern);
            Set<String> allowed = MATRIX.getOrDefault(endpoint, Set.of());
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(endpoint + " · anonymous · 401", () -> {
                Answer answer = call(null, method, path);
                Problems.problem(answer, 401);
                assertThat(answer.headers().getFirst("WWW-Authenticate")).as("challenge").startsWith("Basic");
            }));
            for (String user : USERS) {
                if (allowed.contains(user)) {
                    tests.add(DynamicTest.dynamicTest(endpoint + " · " + user + " · allowed", () -> {
                        Answer answer = call(user, method, path);
                        assertThat(answer.status()).as("%s %s as %s: %s", method, path, user, answer.body())
                                .isNotIn(401, 403).isLessThan(500);
                    }));
                } else {
                    tests.add(DynamicTest.dynamicTest(endpoint + " · " + user + " · 403", () ->
                            Problems.problem(call(user, method, path), 403)));
                }
            }
            return DynamicContainer.dynamicContainer(endpoint, tests);
        });
    }

    /** A POST sends an empty JSON object: past security it is refused as incomplete, never recorded. */
    private Answer call(String user, String method, String path) {
        return method.equals("POST")
                ? wire().post(user, path, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                : wire().send(HttpMethod.valueOf(method), user, path, null, null);
    }

    static String fill(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = FILLERS.get(m.group(1));
            assertThat(value).as("a filler value for {%s} of %s", m.group(1), pattern).isNotNull();
            m.appendReplacement(path, Matcher.quoteReplacement(UriUtils.encodePathSegment(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(path);
        return path.toString();
    }

    private static Map<String, Set<String>> matrix(Object... rows) {
        Map<String, Set<String>> matrix = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> users = (Set<String>) rows[i + 1];
            if (matrix.put((String) rows[i], users) != null) {
                throw new IllegalStateException("twice in the matrix: " + rows[i]);
            }
        }
        return matrix;
    }
}
