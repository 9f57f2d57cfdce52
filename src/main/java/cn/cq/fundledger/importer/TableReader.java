package cn.cq.fundledger.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads an operator's file into a {@link Table}: CSV in UTF-8 (with or without a BOM) or GBK, which
 * Excel in China writes (told apart by whether the bytes are valid UTF-8), or the first sheet of an XLSX
 * workbook. Anything else is refused with a sentence saying why.
 */
public final class TableReader {

    /** The Chinese national charset; a superset of GBK, so it reads what Excel writes. */
    static final Charset GBK = Charset.forName("GB18030");

    private TableReader() {
    }

    /** A file that cannot be read as a table at all. */
    public static final class UnreadableFile extends RuntimeException {
        public UnreadableFile(String message) {
            super(message);
        }
    }

    public static Table read(String fileName, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableFile("the file is empty");
        }
        if (isZip(bytes)) {
            if (!fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                throw new UnreadableFile("the file is a zip archive, not a .csv or .xlsx table");
            }
            return readXlsx(fileName, bytes);
        }
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new UnreadableFile("the file is named .xlsx but is not an Excel workbook");
        }
        return readCsv(fileName, decode(bytes));
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), GBK otherwise. */
    static String decode(byte[] bytes) {
        int probe = Math.min(bytes.length, 8192);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                throw new UnreadableFile("the file holds binary data, not text: save it as CSV (UTF-8 or GBK) or XLSX");
            }
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            try {
                return GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notGbk) {
                throw new UnreadableFile("the file is neither UTF-8 nor GBK text");
            }
        }
    }

    static Table readCsv(String fileName, String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        List<String> header = null;
        List<Table.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (header == null) {
                    header = cells.stream().map(TableReader::columnName).toList();
                    continue;
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), i < cells.size() ? cells.get(i) : null);
                }
                if (cells.size() > header.size() && cells.subList(header.size(), cells.size()).stream()
                        .anyMatch(c -> !c.isBlank())) {
                    values.put("", String.join(",", cells.subList(header.size(), cells.size())));
                }
                rows.add(new Table.Row((int) parser.getCurrentLineNumber(), values));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableFile("the file is not valid CSV: " + e.getMessage());
        }
        if (header == null) {
            throw new UnreadableFile("the file is empty");
        }
        return new Table(fileName, header, rows);
    }

    static Table readXlsx(String fileName, byte[] bytes) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new UnreadableFile("the workbook has no sheet");
            }
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = null;
            List<Table.Row> rows = new ArrayList<>();
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                List<String> cells = new ArrayList<>();
                int last = Math.max(row.getLastCellNum(), 0);
                for (int c = 0; c < last; c++) {
                    cells.add(text(row.getCell(c)));
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (header == null) {
                    header = cells.stream().map(TableReader::columnName).toList();
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), i < cells.size() ? cells.get(i) : null);
                }
                rows.add(new Table.Row(row.getRowNum() + 1, values));
            }
            if (header == null) {
                throw new UnreadableFile("the workbook's first sheet is empty");
            }
            return new Table(fileName, header, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableFile unreadable) {
                throw unreadable;
            }
            throw new UnreadableFile("the file is not a readable Excel workbook: " + e.getMessage());
        }
    }

    /** A cell as the operator sees it: dates as yyyy-MM-dd, numbers exactly as stored, text trimmed. */
    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
            case STRING -> cell.getStringCellValue().strip();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    private static String columnName(String cell) {
        return cell == null ? "" : cell.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
    }
}
