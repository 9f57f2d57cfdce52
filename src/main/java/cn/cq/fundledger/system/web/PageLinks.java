package cn.cq.fundledger.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Links to the page being shown with some parameters changed (another page of a list, a table as a file), keeping
 * the rest (the dates, the filters). Templates call it as {@code @links}.
 */
@Component("links")
public class PageLinks {

    /** The current page with {@code name} set to {@code value} (and the others kept). */
    public String with(String name, Object value) {
        return link(Map.of(name, value));
    }

    public String with(String name, Object value, String name2, Object value2) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(name, value);
        changes.put(name2, value2);
        return link(changes);
    }

    /** The current page's table as a file (csv or xlsx). */
    public String file(String table, String format) {
        return with("table", table, "format", format);
    }

    private static String link(Map<String, Object> changes) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        Map<String, String[]> params = new LinkedHashMap<>(request.getParameterMap());
        params.remove("_csrf");
        changes.forEach((k, v) -> params.put(k, new String[]{String.valueOf(v)}));
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, values) -> {
            for (String v : values) {
                query.add(UriUtils.encodeQueryParam(k, StandardCharsets.UTF_8).replace("+", "%2B") + "="
                        + UriUtils.encodeQueryParam(v, StandardCharsets.UTF_8).replace("+", "%2B"));
            }
        });
        return request.getRequestURI() + (query.length() == 0 ? "" : "?" + query);
    }
}
