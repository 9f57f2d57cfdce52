package cn.cq.fundledger.system.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What a chart of a page shows, independent of the library that draws it: a kind (lines, bars, a pie), the
 * categories along its axis, the series (named by message keys, so that they read in the page's language), and
 * the unit of the values (a message key). {@link Charts#json} turns it into the data {@code charts.js} hands to
 * ECharts.
 */
public final class Chart {

    public enum Kind { LINE, BAR, PIE }

    public record Series(String name, List<? extends Number> data) {
    }

    private final Kind kind;
    private final List<String> categories;
    private final String unit;
    private final List<Series> series = new ArrayList<>();

    private Chart(Kind kind, List<String> categories, String unit) {
        this.kind = kind;
        this.categories = List.copyOf(categories);
        this.unit = unit;
    }

    public static Chart lines(List<String> categories, String unit) {
        return new Chart(Kind.LINE, categories, unit);
    }

    public static Chart bars(List<String> categories, String unit) {
        return new Chart(Kind.BAR, categories, unit);
    }

    public static Chart pie(List<String> categories, String unit) {
        return new Chart(Kind.PIE, categories, unit);
    }

    /** Adds a series; {@code name} is a message key, or plain text (a bank's or district's name) when unknown. */
    public Chart series(String name, List<? extends Number> data) {
        series.add(new Series(name, List.copyOf(data)));
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> categories() {
        return categories;
    }

    public String unit() {
        return unit;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    public boolean isEmpty() {
        return categories.isEmpty() || series.isEmpty();
    }
}
