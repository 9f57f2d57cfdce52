package cn.cq.fundledger.system.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A URL the firewall refuses before any controller sees it (a {@code ;}, an encoded {@code /}, {@code \} or
 * {@code %}, a {@code ..} segment, a control character): 400 problem+json naming the path variable that holds it,
 * found by laying the path over the endpoints' patterns, so that an odd id in a path is answered like an odd id
 * in a body. Such paths are never served: a servlet container would strip or decode them into another id.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class PathRejections implements RequestRejectedHandler {

    static final String RULE = "path-character";

    private final RequestMappingHandlerMapping mappings;
    private final ObjectMapper json;

    public PathRejections(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
                          ObjectMapper json) {
        this.mappings = mappings;
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        String field = variableAt(request.getMethod(), uri);
        String message = (field.equals("path") ? "the path" : field + " (in the path)")
                + " holds a character a ledger URL cannot carry safely: ';', an encoded '/', '\\' or '%', a '.' or "
                + "'..' segment, or a control character. Such an id cannot be addressed in a URL; find the fact "
                + "through its list or the audit trail.";
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:fund-ledger:problem:" + RULE);
        problem.put("title", "Invalid request");
        problem.put("status", 400);
        problem.put("detail", message);
        problem.put("field", field);
        problem.put("rule", RULE);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("rule", RULE);
        error.put("message", message);
        problem.put("errors", List.of(error));
        response.setStatus(400);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The variable of the endpoint whose pattern fits the path, at the first segment the firewall would refuse. */
    String variableAt(String method, String uri) {
        String[] segments = uri.split("/", -1);
        String best = null;
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> patterns = info.getPatternValues();
            boolean methodFits = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals(method));
            for (String pattern : patterns) {
                String variable = variableIn(pattern.split("/", -1), segments);
                if (variable != null && (methodFits || best == null)) {
                    if (methodFits) {
                        return variable;
                    }
                    best = variable;
                }
            }
        }
        return best == null ? "path" : best;
    }

    private static String variableIn(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        String suspect = null;
        for (int i = 0; i < pattern.length; i++) {
            boolean variable = pattern[i].startsWith("{") && pattern[i].endsWith("}");
            if (!variable && !pattern[i].equals(segments[i])) {
                return null;
            }
            if (variable && suspect == null && refused(segments[i])) {
                suspect = pattern[i].substring(1, pattern[i].length() - 1);
            }
        }
        return suspect;
    }

    private static boolean refused(String segment) {
        String lower = segment.toLowerCase(java.util.Locale.ROOT);
        return segment.contains(";") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25")
                || lower.contains("%3b") || segment.contains("\\") || segment.equals(".") || segment.equals("..")
                || lower.contains("%2e") || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || lower.matches(".*%(0[0-9a-f]|1[0-9a-f]|7f).*");
    }
}
