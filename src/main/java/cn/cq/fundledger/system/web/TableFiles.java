package cn.cq.fundledger.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * Any table of any page as a file: {@code ?table=<id>&format=csv} (UTF-8 with a BOM, so that Excel in China opens
 * it right) or {@code format=xlsx}, with the page's own filters, because the page's handler has just computed it.
 * Amounts are exact yuan with two decimals (numbers in XLSX), not the display form; headers in the page's
 * language.
 */
@Component
public class TableFiles implements HandlerInterceptor {

    private final MessageSource messages;
    private final Display display;

    public TableFiles(MessageSource messages, Display display) {
        this.messages = messages;
        this.display = display;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView view) {
        String id = request.getParameter("table");
        String format = request.getParameter("format");
        if (view == null || id == null || format == null) {
            return;
        }
        Table table = find(view.getModel(), id);
        if (table == null) {
            throw cn.cq.fundledger.core.RuleViolation.notFound("table", "unknown-table",
                    "this page has no table '" + id + "'");
        }
        Locale locale = LocaleContextHolder.getLocale();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> view.setView(file(table, locale, false));
            case "xlsx" -> view.setView(file(table, locale, true));
            default -> throw cn.cq.fundledger.core.RuleViolation.invalid("format", "choice",
                    "format: one of csv, xlsx");
        }
    }

    private static Table find(Map<String, Object> model, String id) {
        for (Object value : model.values()) {
            if (value instanceof Table t && t.id().equals(id)) {
                return t;
            }
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Table t && t.id().equals(id)) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    private View file(Table table, Locale locale, boolean xlsx) {
        List<String> headers = table.columns().stream().map(c -> messages.getMessage(c, null, c, locale)).toList();
        String name = "fund-ledger-" + table.id() + (xlsx ? ".xlsx" : ".csv");
        return new View() {
            @Override
            public String getContentType() {
                return xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv;charset=UTF-8";
            }

            @Override
            public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                response.setContentType(getContentType());
                response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
                if (xlsx) {
                    writeXlsx(table, headers, response);
                } else {
                    writeCsv(table, headers, response);
                }
            }
        };
    }

    private void writeCsv(Table table, List<String> headers, HttpServletResponse response) throws IOException {
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(headers);
            for (List<Object> row : table.rows()) {
                printer.printRecord(row.stream().map(this::plain).toList());
            }
        }
    }

    private void writeXlsx(Table table, List<String> headers, HttpServletResponse response) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(table.id());
            CellStyle yuan = workbook.createCellStyle();
            yuan.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            int r = 1;
            for (List<Object> row : table.rows()) {
                Row line = sheet.createRow(r++);
                for (int c = 0; c < row.size(); c++) {
                    Object cell = row.get(c);
                    if (cell instanceof Table.Money money) {
                        line.createCell(c).setCellValue(BigDecimal.valueOf(money.fen(), 2).doubleValue());
                        line.getCell(c).setCellStyle(yuan);
                    } else if (cell instanceof Number number) {
                        line.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        line.createCell(c).setCellValue(plain(cell));
                    }
                }
            }
            workbook.write(response.getOutputStream());
            workbook.dispose();
        }
    }

    /** A cell as exported text: amounts exact in yuan, instants in Chongqing's time. */
    private String plain(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Table.Money money) {
            return BigDecimal.valueOf(money.fen(), 2).toPlainString();
        }
        if (cell instanceof Instant instant) {
            return display.instant(instant);
        }
        if (cell instanceof LocalDate || cell instanceof Number) {
            return cell.toString();
        }
        String text = cell.toString();
        // a cell a spreadsheet would run as a formula is written as text
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
