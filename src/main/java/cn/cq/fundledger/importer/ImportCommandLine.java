package cn.cq.fundledger.importer;

import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.system.RequestContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The import for scheduled jobs: {@code java -jar fund-ledger.jar import <file|folder|zip>...} applies the
 * files as one bundle (all or nothing) against the configured database, prints the report as JSON and exits
 * 0 when applied, 2 when refused (nothing written), 1 when it could not run.
 */
public final class ImportCommandLine {

    private ImportCommandLine() {
    }

    public static int run(Importer importer, List<String> paths, PrintStream out) throws IOException {
        List<ImportFile> files = new ArrayList<>();
        List<Path> zips = new ArrayList<>();
        for (String name : paths) {
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                out.println("no such file or folder: " + name);
                return 1;
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    for (Path child : children.sorted().toList()) {
                        String lower = child.getFileName().toString().toLowerCase(Locale.ROOT);
                        if (lower.endsWith(".csv") || lower.endsWith(".xlsx")) {
                            files.add(ImportFile.of(child.getFileName().toString(), child));
                        }
                    }
                }
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                zips.add(path);
            } else {
                files.add(ImportFile.of(path.getFileName().toString(), path));
            }
        }
        if (files.isEmpty() && zips.isEmpty()) {
            out.println("usage: import <file.csv|file.xlsx|folder|bundle.zip>...  (no table file found)");
            return 1;
        }
        try (Uploads unpacked = importer.uploads()) {
            for (Path zip : zips) {
                try (java.io.InputStream in = Files.newInputStream(zip)) {
                    unpacked.add(zip.getFileName().toString(), in);
                }
            }
            files.addAll(unpacked.files());
            return report(importer, files, out);
        }
    }

    private static int report(Importer importer, List<ImportFile> files, PrintStream out) throws IOException {
        BundleReport[] report = new BundleReport[1];
        RequestContext.runAsSystem("import-job", () -> report[0] = importer.importFiles(files));
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report[0]));
        return report[0].ok() ? 0 : 2;
    }
}
