package cn.cq.fundledger.system.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: Chinese unless the reader chose English with {@code ?lang=en} (remembered in a cookie for a
 * year; {@code ?lang=zh} switches back). The browser's Accept-Language is not consulted: the bureau works in
 * Chinese whatever its machines say.
 */
@Configuration
public class PageConfiguration implements WebMvcConfigurer {

    private final TableFiles tableFiles;

    public PageConfiguration(@org.springframework.context.annotation.Lazy TableFiles tableFiles) {
        this.tableFiles = tableFiles;
    }

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final String LANGUAGE_COOKIE = "fundledger-lang";

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setDefaultLocale(CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                // only the two languages the bundles hold; anything else keeps the current one
                return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
                    case "en" -> Locale.ENGLISH;
                    case "zh", "zh-cn", "zh_cn" -> CHINESE;
                    default -> throw new IllegalArgumentException("not a language of the pages: " + value);
                };
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**", "/actuator/**");
        registry.addInterceptor(tableFiles).excludePathPatterns("/api/**", "/actuator/**");
    }
}
