package cn.cq.fundledger.campaign;

import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Sends requests exactly as written, byte for byte, with any content type: what a careless or hostile client
 * sends, which {@link cn.cq.fundledger.support.LedgerApi} (well-formed JSON only) cannot.
 */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    Wire(TestRestTemplate http) {
        this.http = http;
    }

    /** Sends {@code body} (null: none at all) to {@code path} (encoded, as it goes on the wire) with the content type given (null: none), as {@code user} (null: anonymous). */
    Answer send(HttpMethod method, String user, String path, String contentType, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, user);
        }
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return answer(http.exchange(uri(path), method, new HttpEntity<>(body, headers), String.class));
    }

    /** The path as it is, already encoded: no template expansion, no second encoding. */
    private java.net.URI uri(String path) {
        return java.net.URI.create(http.getRootUri() + path);
    }

    Answer post(String user, String path, String contentType, byte[] body) {
        return send(HttpMethod.POST, user, path, contentType, body);
    }

    /** A JSON object (or any JSON value) written by Jackson, sent as {@code application/json}. */
    Answer postJson(String user, String path, Object value) {
        return post(user, path, "application/json", json(value));
    }

    Answer postCsv(String user, String path, String csv) {
        return post(user, path, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Parts of a multipart request, each a file field named {@code file}, in order: file name to content. */
    Answer postFiles(String user, String path, List<Map.Entry<String, byte[]>> files) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        for (Map.Entry<String, byte[]> file : files) {
            parts.add("file", new ByteArrayResource(file.getValue()) {
                @Override
                public String getFilename() {
                    return file.getKey();
                }
            });
        }
        return multipart(user, path, parts);
    }

    Answer multipart(String user, String path, LinkedMultiValueMap<String, Object> parts) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, user);
        }
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return answer(http.exchange(uri(path), HttpMethod.POST, new HttpEntity<>(parts, headers), String.class));
    }

    Answer get(String user, String path) {
        return send(HttpMethod.GET, user, path, null, null);
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Answer answer(ResponseEntity<String> response) {
        return new Answer(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }
}
