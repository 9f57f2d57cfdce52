package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The pages' security, at the HTTP level: a session only through the form (with its CSRF token), the session
 * never opens the JSON API (HTTP Basic only, no cookies, so no CSRF there), security headers and the content
 * security policy on every page, and text a user recorded shown escaped.
 */
@DashboardContext
class PageSecurityIntegrationTest {

    TestRestTemplate http;

    @Autowired
    void noRedirects(TestRestTemplate template) {
        // the answers themselves (302 to the form, to the overview), as a browser receives them
        this.http = template.withRedirects(
                org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    }

    @Test
    void aSignInWithoutItsCsrfTokenIsRefused() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "finance");
        form.add("password", "finance");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> answer = http.exchange("/login", HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getHeaders().get(HttpHeaders.SET_COOKIE)).as("no session was opened")
                .noneMatch(c -> c.startsWith("JSESSIONID") && answer.getStatusCode().is3xxRedirection());
    }

    @Test
    void theSessionOfThePagesDoesNotOpenTheApi() {
        String session = signIn("operator");
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, session);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = http.exchange("/api/credit/banks", HttpMethod.POST,
                new HttpEntity<>("{\"bankId\":\"CSRF-1\",\"name\":\"x\"}", headers), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        // the same session does open the pages
        ResponseEntity<String> page = http.exchange("/", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("operator");
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        for (String path : List.of("/login", "/")) {
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.COOKIE, signIn("finance"));
            ResponseEntity<String> page = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
            assertThat(page.getHeaders().getFirst("Content-Security-Policy")).as(path)
                    .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(page.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.getBody()).as("no inline script on " + path).doesNotContainPattern("<script(?![^>]*src=)")
                    .doesNotContain(" style=\"").doesNotContain(" onclick=");
        }
    }

    @Test
    void anAnonymousPageRequestIsRedirectedToTheSignInForm() {
        ResponseEntity<String> answer = http.getForEntity("/audit", String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(302);
        assertThat(answer.getHeaders().getLocation().getPath()).isEqualTo("/login");
    }

    /** Signs in through the form as a browser does; answers the session cookie. */
    String signIn(String user) {
        ResponseEntity<String> form = http.getForEntity("/login", String.class);
        String cookie = form.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow().split(";")[0];
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.getBody());
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        LinkedMultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("username", user);
        fields.add("password", user);
        fields.add("_csrf", token.group(1));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookie);
        ResponseEntity<String> answer = http.exchange(URI.create(http.getRootUri() + "/login"), HttpMethod.POST,
                new HttpEntity<>(fields, headers), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(302);
        assertThat(answer.getHeaders().getLocation().getPath()).isEqualTo("/");
        return answer.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow().split(";")[0];
    }
}
