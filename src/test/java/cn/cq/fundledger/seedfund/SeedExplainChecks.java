package cn.cq.fundledger.seedfund;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.LedgerApi;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every figure a seed report prints is explained: a sum or a count by events whose amounts, over all
 * pages, add up to it; a derived figure by components that are so explained and from which the figure is recomputed
 * here, by formulas written out independently of the ledger's code.
 */
final class SeedExplainChecks {

    /** Every figure of a portfolio row, as the report prints it. */
    static final List<String> ROW_FIGURES = List.of("projects", "investments", "investedFen", "activeInvestments",
            "activeFen", "exitedInvestments", "exitedCostFen", "writtenOffInvestments", "writtenOffFen", "proceedsFen",
            "cityProceedsFen", "partnerProceedsFen", "realisedMultiple", "followOnFen", "followOnLeverage",
            "heldValueFen", "totalValueMultiple");

    /** Every figure of a target's progress, as the report prints it. */
    static final List<String> TARGET_FIGURES = List.of("targetFen", "committedFen", "progressBp", "progress",
            "investedFen", "investedProgressBp", "investedProgress", "reached", "due");

    /** The sums of the investment book, and totalRows. */
    static final List<String> BOOK_FIGURES = List.of("amountFen", "proceedsFen", "cityProceedsFen",
            "partnerProceedsFen", "heldValueFen", "followOnFen");

    /** The page size the checks ask for: small, so that figures span several pages. */
    static final int PAGE = 5;

    private final LedgerApi api;
    private long mostEvents;

    SeedExplainChecks(LedgerApi api) {
        this.api = api;
    }

    /** The most events any figure checked so far listed (to make sure paging was exercised). */
    long mostEvents() {
        return mostEvents;
    }

    /**
     * Every figure of every row and of the total of a portfolio breakdown; {@code query} is what follows
     * {@code asOf=} (the date, and {@code &recordedAt=...} when wanted).
     */
    void portfolio(String by, String query) {
        JsonNode report = get("/api/reports/seed/portfolio/" + by + "?asOf=" + query);
        String explain = "/api/reports/seed/portfolio/" + by + "/explain?asOf=" + query;
        List<JsonNode> rows = new ArrayList<>();
        report.get("rows").forEach(rows::add);
        assertThat(rows).isNotEmpty();
        for (JsonNode row : rows) {
            List<String> figures = new ArrayList<>(ROW_FIGURES);
            if (by.equals("fund")) {
                figures.add("committedFen");
            }
            for (String figure : figures) {
                figure(explain + "&key=" + encode(row.get("key").asText()) + "&figure=" + figure, figure,
                        row.get(figure), by + " " + row.get("key").asText());
            }
        }
        List<String> totals = new ArrayList<>(ROW_FIGURES);
        totals.add("committedFen");
        for (String figure : totals) {
            figure(explain + "&figure=" + figure, figure, report.at("/total/" + figure), by + " total");
        }
        figure(explain + "&figure=followOnWithoutSeedFen", "followOnWithoutSeedFen",
                report.get("followOnWithoutSeedFen"), by);
    }

    /** Every figure of every scale target's progress. */
    void targets(String query) {
        JsonNode report = get("/api/reports/seed/target?asOf=" + query);
        assertThat(report.get("targets")).isNotEmpty();
        for (JsonNode target : report.get("targets")) {
            for (String figure : TARGET_FIGURES) {
                figure("/api/reports/seed/target/explain?asOf=" + query + "&targetDate="
                        + target.get("targetDate").asText() + "&figure=" + figure, figure, target.get(figure),
                        "target " + target.get("targetDate").asText());
            }
        }
    }

    /** Every sum of the investment book under a filter ({@code filter}: "&fund=...", or ""), and its row count. */
    void book(String query, String filter) {
        JsonNode book = get("/api/reports/seed/investment-book?asOf=" + query + filter);
        String explain = "/api/reports/seed/investment-book/explain?asOf=" + query + filter;
        for (String figure : BOOK_FIGURES) {
            figure(explain + "&figure=" + figure, figure, book.at("/sums/" + figure), "book" + filter);
        }
        figure(explain + "&figure=totalRows", "totalRows", book.get("totalRows"), "book" + filter);
        for (JsonNode row : book.get("rows")) {
            if (row.get("status").asText().equals("REVERSED")) {
                continue;
            }
            for (String figure : BOOK_FIGURES) {
                figure(explain + "&investmentId=" + row.get("investmentId").asText() + "&figure=" + figure, figure,
                        row.get(figure), "book row " + row.get("investmentId").asText());
            }
        }
    }

    /**
     * One figure: a sum's (or count's) events add up to it over all pages; a derived figure is recomputed from its
     * components, each so explained.
     */
    void figure(String path, String figure, JsonNode printed, String where) {
        JsonNode explanation = get(path + "&size=" + PAGE);
        assertThat(explanation.get("figure").asText()).isEqualTo(figure);
        if (explanation.has("formula")) {
            assertThat(explanation.get("parts")).as(where + " " + figure).isEmpty();
            List<Long> components = new ArrayList<>();
            for (JsonNode component : explanation.get("components")) {
                String name = component.get("figure").asText();
                long value = sum(path.replace("&figure=" + figure, "&figure=" + name), component,
                        where + " " + figure + "/" + name);
                assertThat(value).isEqualTo(component.get("value").asLong());
                components.add(value);
            }
            Object recomputed = recompute(figure, components, path);
            assertThat(text(explanation.get("value"))).as(where + " " + figure + " = " + explanation.get("formula"))
                    .isEqualTo(String.valueOf(recomputed)).isEqualTo(text(printed));
        } else {
            assertThat(sum(path, explanation, where + " " + figure)).as(where + " " + figure)
                    .isEqualTo(printed.asLong());
        }
    }

    /**
     * Pages through an explanation {@link #PAGE} events a page (its first page already fetched): the amounts add up
     * to value, over that many events.
     */
    long sum(String path, JsonNode firstPage, String what) {
        long sum = 0;
        long events = 0;
        for (int page = 0; ; page++) {
            JsonNode explanation = page == 0 ? firstPage : get(path + "&size=" + PAGE + "&page=" + page);
            assertThat(explanation.has("formula")).as(what + " is a sum").isFalse();
            for (JsonNode part : explanation.get("parts")) {
                assertThat(part.get("eventId").asText()).as(what).isNotBlank();
                sum += part.get("amount").asLong();
                events++;
            }
            if (explanation.get("parts").size() < PAGE) {
                assertThat(sum).as(what).isEqualTo(explanation.get("value").asLong());
                assertThat(events).as(what).isEqualTo(explanation.get("events").asLong());
                mostEvents = Math.max(mostEvents, events);
                return sum;
            }
        }
    }

    /** The formulas of the derived figures, written out here. */
    private static Object recompute(String figure, List<Long> c, String path) {
        return switch (figure) {
            case "realisedMultiple" -> multiple(c.get(0), c.get(1) + c.get(2));
            case "followOnLeverage" -> multiple(c.get(0), c.get(1));
            case "totalValueMultiple" -> multiple(c.get(0) + c.get(1), c.get(2));
            case "progressBp", "investedProgressBp" -> c.get(1) == 0 ? 0 : BigDecimal.valueOf(c.get(0) * 10_000)
                    .divide(BigDecimal.valueOf(c.get(1)), 0, RoundingMode.HALF_EVEN).intValueExact();
            case "progress", "investedProgress" -> c.get(1) == 0 ? "0%" : BigDecimal.valueOf(c.get(0) * 100)
                    .divide(BigDecimal.valueOf(c.get(1)), 2, RoundingMode.HALF_EVEN).toPlainString() + "%";
            case "reached" -> c.get(0) >= c.get(1);
            case "due" -> !asOf(path).isBefore(LocalDate.parse(param(path, "targetDate")));
            default -> throw new AssertionError("no formula for " + figure);
        };
    }

    private static String multiple(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static LocalDate asOf(String path) {
        return LocalDate.parse(param(path, "asOf"));
    }

    private static String param(String path, String name) {
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + path);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asText();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode get(String path) {
        Answer answer = api.get("finance", path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        assertThat(answer.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        return answer.json();
    }
}
