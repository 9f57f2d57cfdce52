package cn.cq.fundledger.importer.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the dataset as they are generated, by kind. Each row keeps its business date; a file is
 * written in date order, rows of one date in the order they were generated, which is the order in which
 * the generator checked them against the rules.
 */
final class Bundle {

    private record Row(LocalDate date, String[] values) {
    }

    private final Map<String, List<Row>> rows = new LinkedHashMap<>();

    Bundle() {
        for (String kind : ReferenceDataset.KINDS) {
            rows.put(kind, new ArrayList<>());
        }
    }

    void add(String kind, LocalDate date, String... values) {
        List<Row> list = rows.get(kind);
        if (list == null) {
            throw new IllegalArgumentException("unknown kind " + kind);
        }
        if (values.length != ReferenceDataset.HEADERS.get(kind).size()) {
            throw new IllegalArgumentException(kind + " has " + ReferenceDataset.HEADERS.get(kind).size()
                    + " columns, not " + values.length);
        }
        list.add(new Row(date, values));
    }

    /** An id of a prefix and a number with leading zeros: {@code id("L", 6, 42)} is {@code L000042}. */
    static String id(String prefix, int digits, int number) {
        String n = Integer.toString(number);
        if (n.length() >= digits) {
            return prefix + n;
        }
        return prefix + "0".repeat(digits - n.length()) + n;
    }

    /** Fen as yuan with two decimals ({@code 123456} is {@code 1234.56}), as {@code Money.toYuanString()}. */
    static String yuan(long fen) {
        if (fen < 0) {
            throw new IllegalArgumentException("negative amount " + fen);
        }
        long cents = fen % 100;
        return (fen / 100) + (cents < 10 ? ".0" : ".") + cents;
    }

    /** Every kind's rows, each list sorted by business date (stable). */
    Map<String, List<String[]>> sorted() {
        Map<String, List<String[]>> result = new LinkedHashMap<>();
        rows.forEach((kind, list) -> {
            List<Row> copy = new ArrayList<>(list);
            copy.sort(Comparator.comparing(Row::date));
            List<String[]> values = new ArrayList<>(copy.size());
            copy.forEach(r -> values.add(r.values()));
            result.put(kind, List.copyOf(values));
        });
        return result;
    }
}
