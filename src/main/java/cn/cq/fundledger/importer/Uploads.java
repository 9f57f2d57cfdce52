package cn.cq.fundledger.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of one import as they arrive (a request body, multipart parts, a zip archive), copied to a
 * private temporary folder as they stream in, each within {@code fundledger.import.max-file-size} and all
 * within {@code max-bundle-size} (else {@link ImportFile.TooLarge}, 413), so that no upload is ever held
 * in memory. Closing deletes the folder.
 */
public final class Uploads implements AutoCloseable {

    private final ImportSettings settings;
    private final Path folder;
    private final List<ImportFile> files = new ArrayList<>();
    private long total;

    public Uploads(ImportSettings settings) {
        this.settings = settings;
        try {
            Files.createDirectories(settings.spoolDirectory());
            this.folder = Files.createTempDirectory(settings.spoolDirectory(), "upload-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ImportFile> files() {
        return List.copyOf(files);
    }

    /** Copies one file in; a name ending in .zip is opened and its .csv and .xlsx entries taken instead. */
    public void add(String name, InputStream content) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            unzip(name, content);
        } else {
            try {
                files.add(ImportFile.of(name, copy(name, content)));
            } catch (UnreadableContent e) {
                throw new TableReader.UnreadableFile(safe(name) + " broke off while it was being sent: send it again");
            }
        }
    }

    private void unzip(String zipName, InputStream content) {
        int before = files.size();
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(content);
        try {
            buffered.mark(4);
            byte[] head = buffered.readNBytes(4);
            buffered.reset();
            if (!TableReader.isZip(head)) {
                throw new TableReader.UnreadableFile(safe(zipName) + " is not a zip archive: send .csv or .xlsx files, "
                        + "or a .zip of them");
            }
        } catch (IOException e) {
            throw new TableReader.UnreadableFile(safe(zipName) + " broke off while it was being sent: send it again");
        }
        try (ZipInputStream in = new ZipInputStream(buffered)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (entry.isDirectory() || lower.contains("__macosx/") || base.startsWith(".")
                        || !(lower.endsWith(".csv") || lower.endsWith(".xlsx"))) {
                    continue;
                }
                files.add(ImportFile.of(base, copy(base, in)));
            }
        } catch (IOException | UnreadableContent e) {
            // a truncated or corrupt archive: the stream ends or breaks inside an entry or its directory
            throw new TableReader.UnreadableFile(safe(zipName) + " is not a readable zip archive (cut short or "
                    + "damaged): pack it again");
        }
        if (files.size() == before) {
            throw new TableReader.UnreadableFile(zipName + ": the zip archive holds no .csv or .xlsx file");
        }
    }

    private Path copy(String name, InputStream in) {
        if (files.size() >= 1023) {
            throw new ImportFile.TooLarge("an import holds at most 1023 files");
        }
        long maxFile = settings.maxFileSize().toBytes();
        long maxBundle = settings.maxBundleSize().toBytes();
        Path target = folder.resolve("file-" + files.size());
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = read(in, buffer)) > 0) {
                size += n;
                total += n;
                if (size > maxFile) {
                    throw new ImportFile.TooLarge(safe(name) + " is larger than " + maxFile
                            + " bytes, the most one file of an import may hold (unpacked)");
                }
                if (total > maxBundle) {
                    throw new ImportFile.TooLarge("the files of the import are larger than " + maxBundle
                            + " bytes in all (unpacked)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** A read of the sent bytes; a failure there is the upload's (cut short, a damaged archive), not the ledger's. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new UnreadableContent(e);
        }
    }

    /** The sent content broke off or is damaged; writing the copy is not at fault. */
    private static final class UnreadableContent extends RuntimeException {
        UnreadableContent(IOException cause) {
            super(cause);
        }
    }

    private static String safe(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
