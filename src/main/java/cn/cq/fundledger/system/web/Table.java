package cn.cq.fundledger.system.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of a page, as data: its id (unique on the page, used in {@code ?table=<id>&format=csv|xlsx}), a title and
 * column headers as message keys, and rows of cells. A cell is a {@link String}, a {@link Long} count, a
 * {@link Money} amount in fen, a {@link java.math.BigDecimal} percentage, a {@link java.time.LocalDate}, an
 * {@link java.time.Instant} or a {@link Link}. The page shows it through the {@code table} fragment;
 * {@link TableFiles} writes the same rows to CSV or XLSX, with the same filters applied.
 */
public final class Table {

    /** An amount in fen, shown in the reader's form and exported exact. */
    public record Money(long fen) {
    }

    /** A cell that links elsewhere: the text shown (and exported) and where it leads. */
    public record Link(String text, String href) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final String id;
    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public Table(String id, String title, List<String> columns) {
        this.id = id;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("table " + id + ": " + cells.length + " cells for " + columns.size()
                    + " columns");
        }
        rows.add(java.util.Arrays.asList(cells));
        return this;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    /** For templates: whether a cell is a number of some kind (right-aligned). */
    public static boolean numeric(Object cell) {
        return cell instanceof Number || cell instanceof Money;
    }
}
