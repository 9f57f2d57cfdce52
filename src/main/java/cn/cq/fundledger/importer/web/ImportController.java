package cn.cq.fundledger.importer.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.importer.Bundles;
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
    public ResponseEntity<Object> importBody(@PathVariable String kind, @RequestBody(required = false) byte[] body,
                                             @org.springframework.web.bind.annotation.RequestHeader(
                                                     value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        ImportKind importKind = kind(kind);
        body = body == null ? new byte[0] : body;
        boolean xlsx = type != null && (type.startsWith(XLSX.toString()) || type.startsWith("application/octet-stream"))
                && body.length >= 2 && body[0] == 'P' && body[1] == 'K';
        return answer(importer.importFile(importKind, importKind.kind() + (xlsx ? ".xlsx" : ".csv"), body));
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import one file of a kind, sent as the multipart field 'file' (.csv or .xlsx)")
    public ResponseEntity<Object> importPart(@PathVariable String kind, @RequestPart("file") MultipartFile file) {
        ImportKind importKind = kind(kind);
        String name = file.getOriginalFilename() == null ? importKind.kind() + ".csv" : file.getOriginalFilename();
        return answer(importer.importFile(importKind, name, bytes(file)));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a bundle: several files (multipart fields 'file', each <kind>.csv or .xlsx) or one "
            + ".zip of them, applied as one unit, rows of all kinds merged in business-date order")
    public ResponseEntity<Object> importBundle(@RequestPart("file") List<MultipartFile> files) {
        List<Importer.NamedFile> named = new ArrayList<>();
        for (MultipartFile file : files) {
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                try {
                    named.addAll(Bundles.unzip(bytes(file)));
                } catch (TableReader.UnreadableFile e) {
                    throw RuleViolation.invalid("file", "unreadable-file", name + ": " + e.getMessage());
                }
            } else {
                named.add(new Importer.NamedFile(name, bytes(file)));
            }
        }
        if (named.isEmpty()) {
            throw RuleViolation.invalid("file", "required", "send at least one file");
        }
        return answer(importer.importBundle(named));
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
        return refused(report.errors().size() + " problem(s) in the " + report.kind() + " file; nothing was written",
                Map.of("kind", report.kind(), "rows", report.rows(), "applied", report.applied(),
                        "duplicates", report.duplicates(), "rejected", report.rejected(), "errors", report.errors()));
    }

    private static ResponseEntity<Object> answer(BundleReport report) {
        if (report.ok()) {
            return ResponseEntity.ok(report);
        }
        return refused(report.errors().size() + " problem(s) in the bundle; nothing was written",
                Map.of("files", report.files(), "rows", report.rows(), "applied", report.applied(),
                        "duplicates", report.duplicates(), "rejected", report.rejected(), "kinds", report.kinds(),
                        "errors", report.errors()));
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

    private static ImportKind kind(String kind) {
        return ImportKind.named(kind).orElseThrow(() -> unknownKind(kind));
    }

    private static RuleViolation unknownKind(String kind) {
        return RuleViolation.notFound("kind", "unknown-kind", "'" + kind + "' is not a kind of import; GET "
                + "/api/imports/kinds lists them");
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
