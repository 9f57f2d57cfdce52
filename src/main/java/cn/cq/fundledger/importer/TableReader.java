package cn.cq.fundledger.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads an operator's file row by row, without holding it in memory: CSV in UTF-8 (with or without a BOM)
 * or GBK, which Excel in China writes (told apart by whether the bytes are valid UTF-8), or the first sheet
 * of an XLSX workbook (streamed through POI's event API). Anything else is refused with a sentence saying
 * why. Row numbers are those a spreadsheet shows: the header is row 1 of a CSV file.
 */
public final class TableReader {

    /** The Chinese national charset; a superset of GBK, so it reads what Excel writes. */
    static final Charset GBK = Charset.forName("GB18030");

    /** Excel's own limit of rows in a sheet. */
    static final int MAX_XLSX_ROWS = 1_048_576;

    private TableReader() {
    }

    /** A file that cannot be read as a table at all. */
    public static final class UnreadableFile extends RuntimeException {
        public UnreadableFile(String message) {
            super(message);
        }
    }

    /** Where the rows of a file go, one at a time: first the header, then every non-blank row. */
    public interface RowSink {
        void header(List<String> columns);

        /** A row as its cells, numbered as a spreadsheet numbers it. */
        void row(int number, List<String> cells);
    }

    /** Reads a whole small file into a {@link Table} (templates, tests). */
    public static Table read(String fileName, byte[] bytes) {
        List<String> header = new ArrayList<>();
        List<Table.Row> rows = new ArrayList<>();
        read(fileName, ImportFile.of(fileName, bytes), new RowSink() {
            @Override
            public void header(List<String> columns) {
                header.addAll(columns);
            }

            @Override
            public void row(int number, List<String> cells) {
                rows.add(Table.Row.of(number, header, cells));
            }
        });
        return new Table(fileName, List.copyOf(header), rows);
    }

    public static void read(String fileName, ImportFile file, RowSink sink) {
        read(fileName, file, sink, org.apache.poi.openxml4j.util.ZipSecureFile.getMaxEntrySize());
    }

    /** Reads a file; a workbook part that unpacks to more than {@code maxPartBytes} is refused as too large. */
    public static void read(String fileName, ImportFile file, RowSink sink, long maxPartBytes) {
        if (file.size() == 0) {
            throw new UnreadableFile("the file is empty");
        }
        byte[] head = file.head(8192);
        if (isZip(head)) {
            if (!fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                throw new UnreadableFile("the file is a zip archive, not a .csv or .xlsx table");
            }
            readXlsx(file, sink, maxPartBytes);
            return;
        }
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new UnreadableFile("the file is named .xlsx but is not an Excel workbook");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new UnreadableFile("the file holds binary data, not text: save it as CSV (UTF-8 or GBK) or XLSX");
            }
        }
        readCsv(file, charsetOf(file), sink);
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /**
     * UTF-8 when every byte of the file is valid UTF-8; GBK when every character read as GBK is one of the common set
     * (GB 2312: the 6,763 common hanzi, punctuation, digits, letters), which is what Excel in China writes for
     * Chinese names. Bytes that are valid GBK only through its rare extension characters are far more often another
     * encoding (Latin-1 {@code é} followed by a letter reads as a rare hanzi), so they are refused, naming the line,
     * rather than stored misread.
     */
    static Charset charsetOf(ImportFile file) {
        if (firstUndecodable(file, StandardCharsets.UTF_8) < 0) {
            return StandardCharsets.UTF_8;
        }
        long uncommon = firstUndecodable(file, COMMON_GBK);
        if (uncommon < 0) {
            return GBK;
        }
        String line = "line " + lineAt(file, uncommon);
        if (firstUndecodable(file, GBK) < 0) {
            throw new UnreadableFile("the file is not UTF-8, and read as GBK its " + line + " holds rare characters, "
                    + "which suggests another encoding: save the file as UTF-8 (in Excel: Save As, CSV UTF-8)");
        }
        throw new UnreadableFile("the file is neither UTF-8 nor GBK text (first at its " + line + "): save it as UTF-8");
    }

    /** GB 2312 (EUC-CN): the common subset of GBK, each of its characters encoded as in GBK. */
    private static final Charset COMMON_GBK = Charset.forName("GB2312");

    /** The offset of the first byte that does not decode in the charset, or -1 when all of them do. */
    private static long firstUndecodable(ImportFile file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = file.open()) {
            byte[] chunk = new byte[64 * 1024];
            ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 16);
            CharBuffer chars = CharBuffer.allocate(2 * chunk.length + 32);
            long consumed = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                bytes.put(chunk, 0, n).flip();
                CoderResult result = decoder.decode(bytes, chars, false);
                if (result.isError()) {
                    return consumed + bytes.position();
                }
                consumed += bytes.position();
                bytes.compact();
                chars.clear();
            }
            bytes.flip();
            CoderResult end = decoder.decode(bytes, chars, true);
            if (end.isError() || bytes.hasRemaining()) {
                return consumed + bytes.position();
            }
            return decoder.flush(chars).isError() ? consumed + bytes.position() : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line that holds the byte at {@code offset}. */
    private static long lineAt(ImportFile file, long offset) {
        try (InputStream in = new BufferedInputStream(file.open(), 64 * 1024)) {
            long line = 1;
            for (long i = 0; i < offset; i++) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                if (b == '\n') {
                    line++;
                }
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void readCsv(ImportFile file, Charset charset, RowSink sink) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        boolean headerSeen = false;
        try (Reader reader = reader(file, charset); CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                int number = (int) parser.getCurrentLineNumber();
                if (!headerSeen) {
                    headerSeen = true;
                    sink.header(cells.stream().map(TableReader::columnName).toList());
                    continue;
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                sink.row(number, cells);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableFile("the file is not valid CSV: " + e.getMessage());
        }
        if (!headerSeen) {
            throw new UnreadableFile("the file is empty");
        }
    }

    private static Reader reader(ImportFile file, Charset charset) throws IOException {
        InputStream in = new BufferedInputStream(file.open(), 64 * 1024);
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset();
        }
        return new InputStreamReader(in, charset);
    }

    static void readXlsx(ImportFile file, RowSink sink, long maxPartBytes) {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(maxPartBytes);
        try (InputStream in = file.open(); OPCPackage pkg = OPCPackage.open(in)) {
            XSSFReader workbook = new XSSFReader(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) workbook.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFile("the workbook has no sheet");
            }
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = workbook.getStylesTable();
            SheetRows rows = new SheetRows(sink);
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
            if (!rows.headerSeen) {
                throw new UnreadableFile("the workbook's first sheet is empty");
            }
        } catch (UnreadableFile | ImportFile.TooLarge e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                if (message.contains("Zip bomb") || message.contains("max entry size")
                        || message.contains("exceeds the max")) {
                    throw new ImportFile.TooLarge("the workbook unpacks to more than the ledger reads from one file ("
                            + org.apache.poi.openxml4j.util.ZipSecureFile.getMaxEntrySize() + " bytes a part, at most "
                            + "100 times its packed size); save large tables as CSV");
                }
            }
            throw new UnreadableFile("the file is not a readable Excel workbook: " + e.getMessage());
        }
    }

    /** The rows of one sheet as they stream by; blank rows are skipped, cells are numbered by column. */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowSink sink;
        private final List<String> cells = new ArrayList<>();
        private boolean headerSeen;

        SheetRows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            if (rowNum >= MAX_XLSX_ROWS) {
                throw new ImportFile.TooLarge("the sheet has more rows than Excel allows (" + MAX_XLSX_ROWS + ")");
            }
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return;
            }
            List<String> row = cells.stream().map(c -> c == null ? "" : c.strip()).toList();
            if (!headerSeen) {
                headerSeen = true;
                sink.header(row.stream().map(TableReader::columnName).toList());
            } else {
                sink.row(rowNum + 1, row);
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue);
        }
    }

    /** Cells as the operator means them: dates as yyyy-MM-dd, numbers exactly as stored, text as typed. */
    private static final class IsoDates extends DataFormatter {
        IsoDates() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (org.apache.poi.ss.usermodel.DateUtil.isADateFormat(formatIndex, formatString)
                    && org.apache.poi.ss.usermodel.DateUtil.isValidExcelDate(value)) {
                return org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
    }

    static String columnName(String cell) {
        return cell == null ? "" : cell.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
    }

    /** The cells of a row by column, as {@link Table.Row} holds them. */
    static Map<String, String> byColumn(List<String> header, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), i < cells.size() ? cells.get(i) : null);
        }
        return values;
    }
}
