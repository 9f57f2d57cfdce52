package cn.cq.fundledger.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Empty import files with the right header, for operators to fill in. */
public final class Templates {

    private Templates() {
    }

    /** A CSV template in UTF-8 with a BOM, so that Excel opens it with Chinese text intact. */
    public static byte[] csv(ImportKind kind) {
        String header = String.join(",", kind.columns()) + "\r\n";
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        return withBom;
    }

    public static byte[] xlsx(ImportKind kind) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(kind.kind());
            Row header = sheet.createRow(0);
            for (int i = 0; i < kind.columns().size(); i++) {
                header.createCell(i).setCellValue(kind.columns().get(i));
                sheet.setColumnWidth(i, 20 * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
