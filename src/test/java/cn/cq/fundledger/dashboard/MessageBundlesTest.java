package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Both languages are complete: the same keys in every Chinese bundle and its English twin, no empty text. */
class MessageBundlesTest {

    private static final Path I18N = Path.of("src/main/resources/i18n");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    @ParameterizedTest
    @ValueSource(strings = {"messages", "programs", "operations", "whatif"})
    void everyKeyHasBothLanguages(String bundle) throws IOException {
        Properties chinese = load(I18N.resolve(bundle + ".properties"));
        Properties english = load(I18N.resolve(bundle + "_en.properties"));
        assertThat(new TreeSet<>(english.stringPropertyNames())).as("keys of %s_en", bundle)
                .isEqualTo(new TreeSet<>(chinese.stringPropertyNames()));
        chinese.forEach((k, v) -> assertThat(v.toString()).as("Chinese %s", k).isNotBlank());
        english.forEach((k, v) -> assertThat(v.toString()).as("English %s", k).isNotBlank());
    }

    @Test
    void theChineseTextIsChinese() throws IOException {
        Properties chinese = load(I18N.resolve("messages.properties"));
        assertThat(chinese.getProperty("overview.title")).isEqualTo("总览");
        assertThat(chinese.getProperty("app.name")).matches(".*\\p{IsHan}.*");
    }

    /** Every #{key} a template names exists in the bundles (a missing one would show as ??key_zh_CN??). */
    @Test
    void everyKeyATemplateNamesIsInTheBundles() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String bundle : List.of("messages", "programs", "operations", "whatif")) {
            keys.addAll(load(I18N.resolve(bundle + ".properties")).stringPropertyNames());
        }
        Pattern literal = Pattern.compile("#\\{([a-zA-Z0-9_.-]+)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(TEMPLATES.relativize(file) + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("message keys named by templates but in no bundle").isEmpty();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
