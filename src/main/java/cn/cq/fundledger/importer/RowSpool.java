package cn.cq.fundledger.importer;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checked rows of an import, written to a temporary file as they are read and read back in any order:
 * a bundle's rows are applied in business-date order across its files, and keeping them on disk (instead of
 * as objects on the heap) lets a bundle of millions of rows import in a small, fixed amount of memory.
 * A row is its file's index, its row number and its cells. Not thread-safe; {@link #close} deletes the file.
 */
final class RowSpool implements AutoCloseable {

    /** A row read back. */
    record SpooledRow(int file, int number, List<String> cells) {
    }

    private final Path path;
    private DataOutputStream out;
    private long written;
    private long[] offsets = new long[1024];
    private int count;
    private MappedByteBuffer mapped;

    RowSpool(Path directory) {
        try {
            Files.createDirectories(directory);
            path = Files.createTempFile(directory, "import-", ".spool");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 256 * 1024));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a row; returns its sequence number (0, 1, 2 ... in the order rows were added). */
    int add(int file, int number, List<String> cells) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count] = written;
        try {
            out.writeInt(file);
            out.writeInt(number);
            out.writeInt(cells.size());
            written += 12;
            for (String cell : cells) {
                byte[] bytes = (cell == null ? "" : cell).getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
                written += 4 + bytes.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count++;
    }

    int size() {
        return count;
    }

    /** Reads row {@code sequence} back; the first read ends the writing. */
    SpooledRow get(int sequence) {
        if (mapped == null) {
            finishWriting();
        }
        MappedByteBuffer view = mapped;
        int at = Math.toIntExact(offsets[sequence]);
        int file = view.getInt(at);
        int number = view.getInt(at + 4);
        int cellCount = view.getInt(at + 8);
        at += 12;
        List<String> cells = new ArrayList<>(cellCount);
        for (int i = 0; i < cellCount; i++) {
            int length = view.getInt(at);
            byte[] bytes = new byte[length];
            view.get(at + 4, bytes);
            cells.add(new String(bytes, StandardCharsets.UTF_8));
            at += 4 + length;
        }
        return new SpooledRow(file, number, cells);
    }

    private void finishWriting() {
        try {
            out.close();
            out = null;
            if (written > Integer.MAX_VALUE) {
                throw new ImportFile.TooLarge("the import's rows take more than 2 GB; split it into several imports");
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            mapped = null;
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
