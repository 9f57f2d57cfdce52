package cn.cq.fundledger.importer.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.importer.ImportKind;
import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.importer.ImportReport.FileReport;
import cn.cq.fundledger.importer.Importer;
import cn.cq.fundledger.importer.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.web.multipart.MultipartFile;

/**
 * Multipart uploads handed to the {@link Importer}, for the API ({@code POST /api/imports[/{kind}]}) and the import
 * page alike: each part streamed into the upload's private folder within the import's bounds ({@link Uploads}), then
 * applied all or nothing.
 */
final class MultipartImports {

    private MultipartImports() {
    }

    /** One file of a kind (a .csv or .xlsx; a name ending in .zip is taken as a file of the kind, not unpacked). */
    static FileReport file(Importer importer, ImportKind kind, MultipartFile file) throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? kind.kind() + ".csv" : file.getOriginalFilename();
        try (Uploads upload = importer.uploads(); InputStream content = file.getInputStream()) {
            upload.add(name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name + ".part" : name, content);
            return importer.importFile(kind, upload.files().get(0).renamed(name));
        }
    }

    /** A bundle: several files named after their kinds, or zips of them, applied as one unit. */
    static BundleReport bundle(Importer importer, List<MultipartFile> files) throws IOException {
        try (Uploads upload = importer.uploads()) {
            for (MultipartFile file : files) {
                String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
                try (InputStream content = file.getInputStream()) {
                    upload.add(name, content);
                }
            }
            if (upload.files().isEmpty()) {
                throw RuleViolation.invalid("file", "required", "send at least one file");
            }
            return importer.importFiles(upload.files());
        }
    }
}
