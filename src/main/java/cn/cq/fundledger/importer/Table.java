package cn.cq.fundledger.importer;

import java.util.List;
import java.util.Map;

/**
 * A file read as a table: its header and its rows, each row a map from column name to text. Row numbers
 * are those a spreadsheet shows: the header is row 1, the first data row is row 2.
 */
public record Table(String fileName, List<String> header, List<Row> rows) {

    public record Row(int number, Map<String, String> values) {
        /** A row of cells under a header; missing cells are null. */
        public static Row of(int number, List<String> header, List<String> cells) {
            return new Row(number, TableReader.byColumn(header, cells));
        }

        public String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
