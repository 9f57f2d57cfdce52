package cn.cq.fundledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Drives the ledger's HTTP API as its users do: HTTP Basic, JSON in, JSON or problem+json out. */
public final class LedgerApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;
    private final java.util.function.UnaryOperator<String> passwordOf;

    /** Against the default profile, whose users' passwords are their names. */
    public LedgerApi(TestRestTemplate http) {
        this(http, user -> user);
    }

    public LedgerApi(TestRestTemplate http, java.util.function.UnaryOperator<String> passwordOf) {
        this.http = http;
        this.passwordOf = passwordOf;
    }

    /** POSTs a JSON object as the user whose password is their name (the default profile's users). */
    public Answer post(String user, String path, Map<String, ?> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            headers.setBasicAuth(user, passwordOf.apply(user));
        }
        try {
            return answer(http.exchange(path, HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), headers),
                    String.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Any method, with a body written as JSON (none when null), as the user whose password is their name. */
    public Answer send(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            headers.setBasicAuth(user, passwordOf.apply(user));
        }
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            return answer(http.exchange(path, method, new HttpEntity<>(text, headers), String.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Answer get(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, passwordOf.apply(user));
        }
        return answer(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class));
    }

    /** Sends one CSV file of a kind as the body of {@code POST /api/imports/{kind}}, as the operator. */
    public Answer postCsv(String kind, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", passwordOf.apply("operator"));
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return answer(http.exchange("/api/imports/" + kind, HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers), String.class));
    }

    /** Sends files (name to bytes, e.g. a .zip) as one bundle through {@code POST /api/imports}, as the operator. */
    public Answer sendFiles(Map<String, byte[]> files) {
        org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        files.forEach((name, content) -> parts.add("file", new org.springframework.core.io.ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("operator", passwordOf.apply("operator"));
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return answer(http.exchange("/api/imports", HttpMethod.POST, new HttpEntity<>(parts, headers), String.class));
    }

    /** Imports CSV files (name to content) as one bundle through {@code POST /api/imports}, expecting 200. */
    public Answer importBundle(Map<String, String> files) {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        files.forEach((name, content) -> bytes.put(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Answer answer = sendFiles(bytes);
        if (answer.status() != 200) {
            throw new AssertionError("the import answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** {@code GET /api/totals?asOf=...} as finance staff, expecting 200. */
    public JsonNode totals(String asOf) {
        Answer answer = get("finance", "/api/totals?asOf=" + asOf);
        if (answer.status() != 200) {
            throw new AssertionError("totals answered " + answer.status() + ": " + answer.body());
        }
        if (!"true".equals(answer.headers().getFirst("X-Ledger-Consistent"))) {
            throw new AssertionError("totals answered before the projections took in every event: " + answer.body());
        }
        return answer.json();
    }

    private static Answer answer(ResponseEntity<String> response) {
        return new Answer(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    public record Answer(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String contentType() {
            return headers.getContentType() == null ? null : headers.getContentType().toString();
        }
    }
}
