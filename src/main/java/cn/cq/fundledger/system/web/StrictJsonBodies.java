package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.RuleViolation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The ledger's request bodies are read strictly: a field the request does not have ({@code principle} for
 * {@code principal}), a field given twice, or text after the JSON object is refused (400 naming the field, or the
 * body) instead of being dropped silently, so that what is recorded is what the caller meant. Only the JSON records of
 * the ledger's own requests are checked, at their top level; a body that is not JSON at all is left to the converter,
 * which refuses it.
 */
@ControllerAdvice
public class StrictJsonBodies extends RequestBodyAdviceAdapter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.isRecord()
                && type.getName().startsWith("cn.cq.fundledger.");
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        check(body, input.getHeaders().getContentType(), (Class<?>) targetType);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    private static void check(byte[] body, MediaType contentType, Class<?> type) {
        Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        Charset charset = contentType == null ? null : contentType.getCharset();
        boolean closed = false;
        try (JsonParser parser = charset == null ? JSON.createParser(body)
                : JSON.createParser(new String(body, charset))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!fields.contains(name)) {
                    throw RuleViolation.invalid(name, "unknown-field", "'" + name + "' is not a field of this request; "
                            + "it takes " + String.join(", ", fields.stream().sorted().toList()));
                }
                parser.nextToken();
                parser.skipChildren();
            }
            closed = token == JsonToken.END_OBJECT;
            if (closed && parser.nextToken() != null) {
                throw trailing();
            }
        } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
            String duplicate = duplicateField(e);
            if (duplicate != null) {
                throw RuleViolation.invalid(duplicate, "duplicate-field", "'" + duplicate + "' is given twice");
            }
            if (closed) {
                throw trailing();
            }
            // not JSON: the converter says so
        } catch (IOException e) {
            // not JSON: the converter says so
        }
    }

    private static RuleViolation trailing() {
        return RuleViolation.invalid("body", "json", "the request body goes on after its JSON object: send one JSON "
                + "object and nothing else");
    }

    private static String duplicateField(com.fasterxml.jackson.core.exc.StreamReadException e) {
        String message = e.getOriginalMessage();
        String prefix = "Duplicate field '";
        if (message != null && message.startsWith(prefix) && message.indexOf('\'', prefix.length()) > 0) {
            return message.substring(prefix.length(), message.indexOf('\'', prefix.length()));
        }
        return null;
    }
}
