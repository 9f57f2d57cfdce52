package cn.cq.fundledger.importer;

import java.util.List;
import java.util.Map;

/**
 * A file read as a table: its header and its rows, each row a map from column name to text. Row numbers
 * are those a spreadsheet shows: the header is row 1, the first data row is row 2.
 */
public record Table(String fileName, List<String> header, List<Row> rows) {

    public record Row(int number, Map<String, String> values) {
        public String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
