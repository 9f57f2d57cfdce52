package cn.cq.fundledger.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One file of an import, by name, read from where it lies (a temporary file the upload was streamed to, a
 * file named on the command line, or bytes in memory for small generated files) as often as a pass needs,
 * never loaded whole into memory.
 */
public final class ImportFile {

    private final String name;
    private final Path path;
    private final byte[] bytes;

    private ImportFile(String name, Path path, byte[] bytes) {
        this.name = name;
        this.path = path;
        this.bytes = bytes;
    }

    public static ImportFile of(String name, byte[] bytes) {
        return new ImportFile(name, null, bytes);
    }

    public static ImportFile of(String name, Path path) {
        return new ImportFile(name, path, null);
    }

    /** The same content under another name (an upload is stored under a name of its own). */
    public ImportFile renamed(String newName) {
        return new ImportFile(newName, path, bytes);
    }

    public String name() {
        return name;
    }

    public long size() {
        try {
            return bytes != null ? bytes.length : Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
    }

    /** The first bytes of the file, at most {@code n}. */
    byte[] head(int n) {
        try (InputStream in = open()) {
            byte[] head = in.readNBytes(n);
            return Arrays.copyOf(head, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file, request or archive beyond a bound the ledger sets to protect its memory and disk (HTTP 413). */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message);
        }
    }
}
