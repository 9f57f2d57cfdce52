package cn.cq.fundledger.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Opens a .zip bundle into its table files, refusing archives that unpack to absurd sizes. */
public final class Bundles {

    static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;

    private Bundles() {
    }

    public static List<Importer.NamedFile> unzip(byte[] zip) {
        List<Importer.NamedFile> files = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            byte[] buffer = new byte[64 * 1024];
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (entry.isDirectory() || lower.contains("__macosx/") || lower.substring(lower.lastIndexOf('/') + 1)
                        .startsWith(".") || !(lower.endsWith(".csv") || lower.endsWith(".xlsx"))) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw new TableReader.UnreadableFile("the zip archive unpacks to more than 512 MB");
                    }
                    out.write(buffer, 0, n);
                }
                files.add(new Importer.NamedFile(name.substring(name.lastIndexOf('/') + 1), out.toByteArray()));
            }
        } catch (IOException e) {
            throw new TableReader.UnreadableFile("the file is not a readable zip archive: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new TableReader.UnreadableFile("the zip archive holds no .csv or .xlsx file");
        }
        return files;
    }
}
