package cn.cq.fundledger.importer.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.importer.ImportFile;
import cn.cq.fundledger.importer.ImportKind;
import cn.cq.fundledger.importer.ImportProgress;
import cn.cq.fundledger.importer.ImportReport;
import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.importer.ImportReport.FileReport;
import cn.cq.fundledger.importer.Importer;
import cn.cq.fundledger.importer.TableReader;
import cn.cq.fundledger.system.ProblemHandler;
import cn.cq.fundledger.system.WriteGate;
import cn.cq.fundledger.system.web.Page;
import cn.cq.fundledger.system.web.PageErrors.Shown;
import cn.cq.fundledger.system.web.Table;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * The operators' import page ({@code /imports}): one file of a chosen kind, or a bundle (several files or a zip),
 * sent to the very {@link Importer} the API uses ({@link MultipartImports}), so an import is all or nothing within
 * the same bounds. The answer (counts per file, every refused row) is kept in the session and shown at
 * {@code /imports/result}, where its tables can be downloaded as CSV or XLSX; a refusal of the upload itself (too
 * large, unreadable, no file, another import running) is shown beside the form's field with the API's field, rule
 * and message. While the browser waits, {@code /imports/progress} tells how far the running import is.
 */
@Page
@RequestMapping("/imports")
public class ImportPages {

    /** The session attribute holding the latest answer of this session's import. */
    static final String LATEST = ImportPages.class.getName() + ".latest";

    private final Importer importer;
    private final ImportProgress progress;

    public ImportPages(Importer importer, ImportProgress progress) {
        this.importer = importer;
        this.progress = progress;
    }

    /** What an import did, as the result page shows it. */
    public record Outcome(String sent, boolean ok, int files, int rows, int applied, int duplicates, int rejected,
                          int problems, int unlisted, Table perFile, Table refused) {
    }

    @GetMapping
    public String form(Model model) {
        model.addAttribute("kinds", Arrays.asList(ImportKind.values()));
        return "imports/index";
    }

    @PostMapping("/file")
    public String importFile(@RequestParam(required = false) String kind,
                             @RequestParam(name = "file", required = false) MultipartFile file, HttpSession session,
                             HttpServletResponse response, Model model) throws IOException {
        try {
            ImportKind importKind = ImportController.kind(kind == null ? "" : kind);
            if (chosen(file) == null) {
                throw RuleViolation.invalid("file", "required", "the multipart field 'file' is required");
            }
            FileReport report = MultipartImports.file(importer, importKind, file);
            session.setAttribute(LATEST, outcome(file.getOriginalFilename(), report));
            return "redirect:/imports/result";
        } catch (RuntimeException e) {
            return refused("file", e, response, model);
        }
    }

    @PostMapping("/bundle")
    public String importBundle(@RequestParam(name = "file", required = false) List<MultipartFile> files,
                               HttpSession session, HttpServletResponse response, Model model) throws IOException {
        try {
            // a file input left empty still sends one part, without a name or content: not a file
            List<MultipartFile> sent = files == null ? List.of()
                    : files.stream().filter(f -> chosen(f) != null).toList();
            BundleReport report = MultipartImports.bundle(importer, sent);
            session.setAttribute(LATEST, outcome(report));
            return "redirect:/imports/result";
        } catch (RuntimeException e) {
            return refused("bundle", e, response, model);
        }
    }

    @GetMapping("/result")
    public String result(HttpSession session, Model model) {
        if (!(session.getAttribute(LATEST) instanceof Outcome outcome)) {
            return "redirect:/imports";
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("perFile", outcome.perFile());
        model.addAttribute("refused", outcome.refused());
        return "imports/result";
    }

    /** How far the running import is: {@code {"applied": n, "total": m}}, 0 of 0 when none runs. */
    @GetMapping("/progress")
    @ResponseBody
    public ImportProgress.Snapshot progress() {
        return progress.now();
    }

    /** The API's template of a kind ({@code loans.csv}, {@code loans.xlsx}), under the pages' session. */
    @GetMapping("/templates/{file}")
    public ResponseEntity<byte[]> template(@PathVariable String file) {
        return ImportController.templateFile(file);
    }

    private static MultipartFile chosen(MultipartFile file) {
        boolean unnamed = file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank();
        return unnamed && (file == null || file.isEmpty()) ? null : file;
    }

    /** The upload itself was refused: the import page again, the API's answer beside the form that was sent. */
    private static String refused(String form, RuntimeException e, HttpServletResponse response, Model model) {
        Shown shown;
        int status;
        if (e instanceof RuleViolation v) {
            shown = new Shown(v.field(), v.rule(), v.getMessage());
            status = ProblemHandler.statusCode(v.kind());
        } else if (e instanceof ImportFile.TooLarge tooLarge) {
            shown = new Shown("file", "too-large", tooLarge.getMessage());
            status = 413;
        } else if (e instanceof TableReader.UnreadableFile unreadable) {
            shown = new Shown("file", "unreadable-file", unreadable.getMessage());
            status = 400;
        } else if (e instanceof WriteGate.Busy busy) {
            shown = new Shown(null, "import-running", busy.getMessage());
            status = 503;
        } else {
            throw e;
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("kinds", Arrays.asList(ImportKind.values()));
        model.addAttribute("refusedForm", form);
        model.addAttribute("problem", shown);
        return "imports/index";
    }

    static Outcome outcome(String fileName, FileReport r) {
        Table perFile = perFileTable();
        perFile.row(fileName, r.kind(), (long) r.rows(), (long) r.applied(), (long) r.duplicates(), (long) r.rejected());
        return new Outcome(fileName, r.ok(), 1, r.rows(), r.applied(), r.duplicates(), r.rejected(),
                r.errors().size() + r.unlistedErrors(), r.unlistedErrors(), perFile, refusedTable(r.errors()));
    }

    static Outcome outcome(BundleReport r) {
        Table perFile = perFileTable();
        r.kinds().forEach(k -> perFile.row(k.file(), k.kind(), (long) k.rows(), (long) k.applied(),
                (long) k.duplicates(), (long) k.rejected()));
        return new Outcome(null, r.ok(), r.files(), r.rows(), r.applied(), r.duplicates(), r.rejected(),
                r.errors().size() + r.unlistedErrors(), r.unlistedErrors(), perFile, refusedTable(r.errors()));
    }

    private static Table perFileTable() {
        return new Table("files", "imports.files.title", List.of("imports.column.file", "imports.column.kind",
                "imports.column.rows", "imports.column.applied", "imports.column.duplicates",
                "imports.column.rejected"));
    }

    private static Table refusedTable(List<ImportReport.Error> errors) {
        Table table = new Table("refused", "imports.refused", List.of("imports.column.file", "imports.column.row",
                "imports.column.column", "imports.column.rule", "imports.column.message"));
        errors.forEach(e -> table.row(e.file(), e.row() == null ? null : (long) e.row(), e.column(), e.rule(),
                e.message()));
        return table;
    }
}
