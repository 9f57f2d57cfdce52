package cn.cq.fundledger.importer.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.importer.ImportFile;
import cn.cq.fundledger.importer.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import cn.cq.fundledger.importer.ImportKind;
import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.importer.ImportReport.FileReport;
import cn.cq.fundledger.importer.Importer;
import cn.cq.fundledger.importer.TableReader;
import cn.cq.fundledger.importer.Templates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk import of operators' files (OPERATOR). A file is applied whole or not at all: 200 with the counts
 * when every row was applied or already recorded; 422 problem+json with the same counts and every refused
 * row when any row was refused, and then nothing was written.
 */
@RestController
@RequestMapping("/api/imports")
@Tag(name = "Imports", description = "CSV (UTF-8 or GBK) and XLSX files of transactions, all or nothing")
public class ImportController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Importer importer;

    public ImportController(Importer importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/{kind}", consumes = {"text/csv", "text/plain", "application/octet-stream",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "Import one file of a kind, sent as the request body (CSV, or XLSX as octet-stream)")
    public ResponseEntity<Object> importBody(@PathVariable String kind, HttpServletRequest request) throws IOException {
        ImportKind importKind = kind(kind);
        try (Uploads upload = importer.uploads(); InputStream body = request.getInputStream()) {
            upload.add(importKind.kind() + ".body", body);
            ImportFile received = upload.files().get(0);
            String type = request.getContentType();
            boolean xlsx = type != null && (type.startsWith(XLSX.toString()) || type.startsWith("application/octet-stream"))
                    && isZip(received);
            return answer(importer.importFile(importKind, received.renamed(importKind.kind() + (xlsx ? ".xlsx" : ".csv"))));
        }
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import one file of a kind, sent as the multipart field 'file' (.csv or .xlsx)")
    public ResponseEntity<Object> importPart(@PathVariable String kind, @RequestPart("file") MultipartFile file)
            throws IOException {
        return answer(MultipartImports.file(importer, kind(kind), file));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a bundle: several files (multipart fields 'file', each <kind>.csv or .xlsx) or one "
            + ".zip of them, applied as one unit, rows of all kinds merged in business-date order")
    public ResponseEntity<Object> importBundle(@RequestPart("file") List<MultipartFile> files) throws IOException {
        return answer(MultipartImports.bundle(importer, files));
    }

    private static boolean isZip(ImportFile file) {
        try (InputStream in = file.open()) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/kinds")
    @Operation(summary = "The kinds of import and their columns")
    public Map<String, List<String>> kinds() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        for (ImportKind kind : ImportKind.values()) {
            kinds.put(kind.kind(), kind.columns());
        }
        return kinds;
    }

    @GetMapping("/templates/{file}")
    @Operation(summary = "An empty template of a kind: /templates/loans.csv (UTF-8 with BOM) or /templates/loans.xlsx")
    public ResponseEntity<byte[]> template(@PathVariable String file) {
        return templateFile(file);
    }

    /** A template as a download; the pages serve the same file under /imports/templates/{file}. */
    static ResponseEntity<byte[]> templateFile(String file) {
        ImportKind kind = ImportKind.ofFileName(file).orElseThrow(() -> unknownKind(file));
        boolean xlsx = file.toLowerCase(Locale.ROOT).endsWith(".xlsx");
        String name = kind.kind() + (xlsx ? ".xlsx" : ".csv");
        return ResponseEntity.ok()
                .contentType(xlsx ? XLSX : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(xlsx ? Templates.xlsx(kind) : Templates.csv(kind));
    }

    private static ResponseEntity<Object> answer(FileReport report) {
        if (report.ok()) {
            return ResponseEntity.ok(report);
        }
        return refused((report.errors().size() + report.unlistedErrors()) + " problem(s) in the " + report.kind() + " file; nothing was written",
                Map.of("kind", report.kind(), "rows", report.rows(), "applied", report.applied(),
                        "duplicates", report.duplicates(), "rejected", report.rejected(), "errors", report.errors(),
                        "unlistedErrors", report.unlistedErrors()));
    }

    private static ResponseEntity<Object> answer(BundleReport report) {
        if (report.ok()) {
            return ResponseEntity.ok(report);
        }
        return refused((report.errors().size() + report.unlistedErrors()) + " problem(s) in the bundle; nothing was written",
                Map.of("files", report.files(), "rows", report.rows(), "applied", report.applied(),
                        "duplicates", report.duplicates(), "rejected", report.rejected(), "kinds", report.kinds(),
                        "errors", report.errors(), "unlistedErrors", report.unlistedErrors()));
    }

    private static ResponseEntity<Object> refused(String detail, Map<String, Object> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, detail);
        problem.setTitle("Import refused");
        problem.setType(URI.create("urn:fund-ledger:problem:import-refused"));
        problem.setProperty("field", "file");
        problem.setProperty("rule", "import-refused");
        fields.forEach(problem::setProperty);
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The kind named in a path or form, or 404 naming it (unknown-kind). */
    static ImportKind kind(String kind) {
        return ImportKind.named(kind).orElseThrow(() -> unknownKind(kind));
    }

    private static RuleViolation unknownKind(String kind) {
        return RuleViolation.notFound("kind", "unknown-kind", "'" + kind + "' is not a kind of import; GET "
                + "/api/imports/kinds lists them");
    }

}
