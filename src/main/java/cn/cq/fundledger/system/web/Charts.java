package cn.cq.fundledger.system.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A {@link Chart} as the JSON that {@code /js/charts.js} hands to ECharts, its names in the page's language. The
 * page writes it in a {@code data-chart} attribute (escaped by Thymeleaf like any attribute), so that no script
 * is inline and the content security policy holds. Templates call it as {@code @charts}.
 */
@Component("charts")
public class Charts {

    private final MessageSource messages;
    private final ObjectMapper json;

    public Charts(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    public String json(Chart chart) throws JsonProcessingException {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", chart.kind().name().toLowerCase(Locale.ROOT));
        spec.put("categories", chart.categories().stream().map(c -> text(c, locale)).toList());
        spec.put("unit", text(chart.unit(), locale));
        spec.put("series", chart.series().stream().map(s -> Map.of("name", text(s.name(), locale), "data",
                s.data())).toList());
        return json.writeValueAsString(spec);
    }

    private String text(String keyOrText, Locale locale) {
        return keyOrText == null ? "" : messages.getMessage(keyOrText, null, keyOrText, locale);
    }
}
