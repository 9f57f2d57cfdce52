package cn.cq.fundledger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What every refusal must look like, whoever caused it: problem+json, the culprit named, nothing internal shown. */
final class Problems {

    /**
     * Words of the ledger's insides: its packages, the JDK's, Spring's, Jackson's, other libraries' (POI, Commons CSV), exception names. A stack frame is
     * " at " followed by a qualified method and its parenthesis ("at cn.cq.X.y(X.java:1)"): plain English such as
     * "at most 64 characters" is a legitimate message.
     */
    private static final List<String> INSIDES = List.of("cn.cq.", "java.", "org.springframework", "com.fasterxml",
            "org.apache", "Exception");
    private static final Pattern STACK_FRAME = Pattern.compile("\\sat [\\w$]+(\\.[\\w$<>]+)+\\(");

    private Problems() {
    }

    /** A 4xx problem+json answer that shows nothing of the ledger's insides. */
    static JsonNode problem(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        return problem(answer);
    }

    /** A 4xx (never 5xx) problem+json answer that shows nothing of the ledger's insides. */
    static JsonNode problem(Answer answer) {
        assertThat(answer.status()).as("a 4xx answer, was: %s", answer.body()).isBetween(400, 499);
        assertThat(answer.contentType()).as("content type of %s", answer.body()).startsWith("application/problem+json");
        noInsides(answer);
        return answer.json();
    }

    static void noInsides(Answer answer) {
        String body = answer.body() == null ? "" : answer.body();
        for (String inside : INSIDES) {
            assertThat(body).as("the answer shows the ledger's insides ('%s')", inside).doesNotContain(inside);
        }
        assertThat(STACK_FRAME.matcher(body).find()).as("the answer shows a stack frame: %s", body).isFalse();
    }

    /** The refusal names {@code field} and one of {@code rules} (any rule when empty). */
    static void names(JsonNode problem, String field, Set<String> rules) {
        assertThat(problem.path("field").asText(null)).as("field of %s", problem).isEqualTo(field);
        if (!rules.isEmpty()) {
            assertThat(problem.path("rule").asText(null)).as("rule of %s", problem).isIn(rules);
        }
        assertThat(problem.path("detail").asText("")).as("detail of %s", problem).isNotBlank();
    }

    /**
     * A refused import lists, in {@code errors}, a problem naming {@code column} (null: none, a file problem) with one
     * of {@code rules}.
     */
    static void listsError(JsonNode problem, String column, Set<String> rules) {
        List<String> seen = new ArrayList<>();
        boolean found = false;
        for (JsonNode error : problem.path("errors")) {
            String c = error.path("column").asText(null);
            String r = error.path("rule").asText(null);
            seen.add(c + "/" + r + "@" + error.path("row").asText("-"));
            if ((column == null || column.equals(c)) && (rules.isEmpty() || rules.contains(r))) {
                found = true;
            }
        }
        assertThat(found).as("errors name column %s with a rule of %s; errors were %s", column, rules, seen).isTrue();
        assertThat(problem.path("applied").asInt(-1)).as("applied rows of a refused import").isZero();
    }
}
