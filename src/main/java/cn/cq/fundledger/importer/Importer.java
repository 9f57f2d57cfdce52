package cn.cq.fundledger.importer;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.importer.ImportReport.Error;
import cn.cq.fundledger.importer.ImportReport.FileReport;
import cn.cq.fundledger.importer.ImportReport.KindCount;
import cn.cq.fundledger.system.RequestContext;
import cn.cq.fundledger.system.WriteGate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies operators' files all or nothing. Every row becomes the command the REST API would send and goes
 * through the same command handlers. If any row of a file (or bundle) is refused, or cannot be read, nothing
 * is written and every refused row is reported; otherwise every row is applied, in one database
 * transaction. Rows identical to recorded facts are counted as duplicates and not applied again, so a
 * re-sent or cut-off file is safe to send again.
 *
 * <p>Memory stays small whatever the size of the file: a first pass reads the rows one at a time, checks
 * them and writes the good ones to a spool file ({@link RowSpool}) with a sort key (business date, kind,
 * order in the bundle); a second pass applies them in key order, in chunks of
 * {@code fundledger.import.chunk-size} commands, each chunk a unit of work whose events are appended to the
 * one transaction that the whole import commits or rolls back. While it runs the import holds the
 * {@link WriteGate} alone, so no other command builds on rows that may still be rolled back; after a
 * rollback the programs' cached aggregates are dropped and rebuilt from what was committed.
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(ImportSettings.class)
public class Importer {

    /** Metadata key naming the file and row an event came from. */
    public static final String SOURCE = RequestContext.SOURCE;

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** Shifts epoch days so that 0000-01-01 is 1 and "no date" (0) sorts first. */
    private static final long DAY_SHIFT = 719_529;
    private static final int SEQUENCE_BITS = 26;
    private static final int KIND_BITS = 5;

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final WriteGate gate;
    private final List<Cache> aggregateCaches;
    private final ImportSettings settings;
    private final ImportProgress progress;

    public Importer(CommandGateway commands, TransactionManager transactions, WriteGate gate,
                    List<Cache> aggregateCaches, ImportSettings settings, ImportProgress progress) {
        this.commands = commands;
        this.transactions = transactions;
        this.gate = gate;
        this.aggregateCaches = aggregateCaches;
        this.settings = settings;
        this.progress = progress;
    }

    /** A file of a bundle, by name ({@code loans.csv}) and content. */
    public record NamedFile(String name, byte[] content) {
        public ImportFile file() {
            return ImportFile.of(name, content);
        }
    }

    /** A private folder for the files of one upload; closing it deletes them. */
    public Uploads uploads() {
        return new Uploads(settings);
    }

    public FileReport importFile(ImportKind kind, String fileName, byte[] content) {
        return importFile(kind, ImportFile.of(fileName, content));
    }

    public FileReport importFile(ImportKind kind, ImportFile file) {
        try (Run run = new Run()) {
            Sheet sheet = run.read(kind, file, 0);
            run.apply();
            boolean ok = run.errors.isEmpty();
            return new FileReport(kind.kind(), sheet.rows, ok ? sheet.applied : 0, sheet.duplicates,
                    sheet.rejectedRows, run.listedErrors(List.of(file.name())), run.unlisted());
        }
    }

    public BundleReport importBundle(List<NamedFile> files) {
        return importFiles(files.stream().map(NamedFile::file).toList());
    }

    public BundleReport importFiles(List<ImportFile> files) {
        if (files.size() >= 1 << 10) {
            throw new ImportFile.TooLarge("a bundle holds at most 1023 files, this one " + files.size());
        }
        try (Run run = new Run()) {
            for (int i = 0; i < files.size(); i++) {
                ImportFile file = files.get(i);
                ImportKind kind = ImportKind.ofFileName(file.name()).orElse(null);
                if (kind == null) {
                    run.error(new Error(abbreviate(file.name()), null, null, "unknown-kind", "'"
                            + abbreviate(file.name()) + "' is not named after a kind of import (<kind>.csv or "
                            + "<kind>.xlsx, e.g. loans.csv)"));
                    continue;
                }
                run.read(kind, file, i);
            }
            run.apply();
            boolean ok = run.errors.isEmpty();
            List<KindCount> counts = run.sheets.stream().map(s -> new KindCount(s.kind.kind(), s.fileName, s.rows,
                    ok ? s.applied : 0, s.duplicates, s.rejectedRows)).toList();
            int rows = run.sheets.stream().mapToInt(s -> s.rows).sum();
            int rejected = counts.stream().mapToInt(KindCount::rejected).sum();
            int applied = counts.stream().mapToInt(KindCount::applied).sum();
            int duplicates = counts.stream().mapToInt(KindCount::duplicates).sum();
            return new BundleReport(files.size(), rows, applied, duplicates, rejected, counts,
                    run.listedErrors(files.stream().map(ImportFile::name).toList()), run.unlisted());
        }
    }

    /** Errors by row, file problems (no row) first; a stable sort keeps a row's problems in column order. */
    private static final Comparator<Error> ERROR_ORDER = Comparator.comparing(Error::row,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /** One import: its files' sheets, its spooled rows and their order, and what went wrong. */
    private final class Run implements AutoCloseable {
        final List<Sheet> sheets = new ArrayList<>();
        final List<Error> errors = new ArrayList<>();
        int errorCount;
        final RowSpool spool = new RowSpool(settings.spoolDirectory());
        long[] keys = new long[1024];
        long bytesRead;

        void error(Error error) {
            errorCount++;
            if (errors.size() < settings.maxListedErrors()) {
                errors.add(error);
            }
        }

        int unlisted() {
            return errorCount - errors.size();
        }

        List<Error> listedErrors(List<String> fileOrder) {
            List<Error> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing((Error e) -> fileOrder.indexOf(e.file())).thenComparing(ERROR_ORDER));
            return List.copyOf(sorted);
        }

        // ------------------------------------------------------------ first pass: read and check

        Sheet read(ImportKind kind, ImportFile file, int index) {
            Sheet sheet = new Sheet(kind, file.name());
            sheets.add(sheet);
            bytesRead += file.size();
            if (file.size() > settings.maxFileSize().toBytes()) {
                throw new ImportFile.TooLarge(sheet.fileName + " has " + file.size() + " bytes; a file may have at most "
                        + settings.maxFileSize().toBytes());
            }
            if (bytesRead > settings.maxBundleSize().toBytes()) {
                throw new ImportFile.TooLarge("the files of the import have more than " + settings.maxBundleSize()
                        .toBytes() + " bytes in all");
            }
            RuleViolation badName = Input.problemWith("file", file.name(), Input.MAX_NAME);
            if (badName != null) {
                error(new Error(abbreviate(file.name()), null, null, badName.rule(), "the file's name: "
                        + badName.getMessage()));
                return sheet;
            }
            try {
                TableReader.read(file.name(), file, new TableReader.RowSink() {
                    @Override
                    public void header(List<String> columns) {
                        checkHeader(sheet, columns);
                    }

                    @Override
                    public void row(int number, List<String> cells) {
                        sheet.rows++;
                        if (sheet.header != null) {
                            checkRow(sheet, number, cells);
                        }
                    }
                }, settings.maxFileSize().toBytes());
            } catch (TableReader.UnreadableFile e) {
                error(new Error(sheet.fileName, null, null, "unreadable-file", e.getMessage()));
                return sheet;
            }
            if (sheet.header == null) {
                sheet.rejectedRows = sheet.rows;
            } else if (sheet.rows == 0) {
                error(new Error(sheet.fileName, null, null, "no-rows", "the file has a header but no rows"));
            }
            return sheet;
        }

        private void checkHeader(Sheet sheet, List<String> header) {
            List<String> expected = sheet.kind.columns();
            Set<String> seen = new HashSet<>();
            int before = errorCount;
            for (String column : header) {
                if (!expected.contains(column)) {
                    error(new Error(sheet.fileName, 1, abbreviate(column), "unknown-column", "unknown column '"
                            + abbreviate(column) + "': " + sheet.kind.kind() + " has the columns "
                            + String.join(", ", expected)));
                } else if (!seen.add(column)) {
                    error(new Error(sheet.fileName, 1, column, "duplicate-column", "column '" + column
                            + "' appears twice"));
                }
            }
            for (String column : expected) {
                if (!seen.contains(column)) {
                    error(new Error(sheet.fileName, 1, column, "missing-column", "missing column '" + column + "'"));
                }
            }
            if (errorCount == before) {
                sheet.header = List.copyOf(header);
            }
        }

        private void checkRow(Sheet sheet, int number, List<String> cells) {
            List<String> header = sheet.header;
            if (cells.size() > header.size() && cells.subList(header.size(), cells.size()).stream()
                    .anyMatch(c -> !c.isBlank())) {
                rejectRow(sheet, new Error(sheet.fileName, number, null, "extra-cells",
                        "the row has " + cells.size() + " cells but the header has " + header.size() + " columns"));
                return;
            }
            if (cells.size() < header.size()) {
                rejectRow(sheet, new Error(sheet.fileName, number, null, "short-row", "the row has " + cells.size()
                        + " cells but the header has " + header.size() + " columns (a line break inside the row?)"));
                return;
            }
            Table.Row row = Table.Row.of(number, header, cells);
            try {
                sheet.kind.toCommand(row);
            } catch (Input.InvalidInput invalid) {
                invalid.problems().forEach(p -> error(rowError(sheet, number, p)));
                sheet.rejectedRows++;
                return;
            } catch (RuleViolation violation) {
                rejectRow(sheet, rowError(sheet, number, violation));
                return;
            }
            if (spool.size() >= settings.maxRows() || spool.size() >= 1 << SEQUENCE_BITS) {
                throw new ImportFile.TooLarge("an import holds at most " + settings.maxRows() + " rows");
            }
            int sequence = spool.add(sheets.indexOf(sheet), number, cells.subList(0, header.size()));
            if (sequence == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[sequence] = (dayOf(sheet.kind, row) << (KIND_BITS + SEQUENCE_BITS))
                    | ((long) sheet.kind.ordinal() << SEQUENCE_BITS) | sequence;
        }

        private void rejectRow(Sheet sheet, Error error) {
            error(error);
            sheet.rejectedRows++;
        }

        // ------------------------------------------------------------ second pass: apply in order

        /**
         * Sends every spooled row's command, in business-date order, inside one database transaction. Each
         * command runs in a nested unit of work: a refused one leaves no trace, and the remaining rows still
         * run so that every refusal is reported. Commits only when no row was refused or unreadable.
         */
        void apply() {
            int count = spool.size();
            if (count == 0) {
                return;
            }
            long[] order = Arrays.copyOf(keys, count);
            Arrays.sort(order);
            String user = RequestContext.currentUser();
            long started = System.nanoTime();
            gate.exclusively(settings.waitForWrites(), () -> {
                progress.started(count);
                boolean committed = false;
                Transaction transaction = transactions.startTransaction();
                try {
                    for (int from = 0; from < count; from += settings.chunkSize()) {
                        applyChunk(order, from, Math.min(count, from + settings.chunkSize()), user);
                        progress.advanced(Math.min(count, from + settings.chunkSize()));
                    }
                    if (errorCount == 0) {
                        transaction.commit();
                        committed = true;
                    } else {
                        transaction.rollback();
                    }
                } catch (RuntimeException | java.lang.Error e) {
                    rollbackQuietly(transaction, e);
                    log.error("Import aborted; nothing was written", e);
                    throw e;
                } finally {
                    if (!committed) {
                        aggregateCaches.forEach(Cache::removeAll);
                    }
                    progress.finished();
                }
                long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                log.info("Import of {} rows {} in {} ms ({} rows/s): {} applied, {} duplicates, {} refused", count,
                        committed ? "committed" : "rolled back", millis, count * 1000L / millis,
                        sheets.stream().mapToInt(s -> s.applied).sum(), sheets.stream().mapToInt(s -> s.duplicates)
                                .sum(), sheets.stream().mapToInt(s -> s.rejectedRows).sum());
                return null;
            });
        }

        private void applyChunk(long[] order, int from, int to, String user) {
            UnitOfWork<?> chunk = DefaultUnitOfWork.startAndGet(null);
            try {
                for (int i = from; i < to; i++) {
                    RowSpool.SpooledRow spooled = spool.get((int) (order[i] & ((1 << SEQUENCE_BITS) - 1)));
                    Sheet sheet = sheets.get(spooled.file());
                    Table.Row row = Table.Row.of(spooled.number(), sheet.header, spooled.cells());
                    try {
                        Object result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                                sheet.kind.toCommand(row)).andMetaData(Map.of(SOURCE, sheet.fileName + "#"
                                + row.number(), RequestContext.USER, user)));
                        if (result instanceof Recorded recorded && recorded.duplicate()) {
                            sheet.duplicates++;
                        } else {
                            sheet.applied++;
                        }
                    } catch (RuleViolation violation) {
                        rejectRow(sheet, rowError(sheet, row.number(), violation));
                    } catch (Input.InvalidInput invalid) {
                        invalid.problems().forEach(v -> error(rowError(sheet, row.number(), v)));
                        sheet.rejectedRows++;
                    }
                }
                chunk.commit();
            } catch (RuntimeException | java.lang.Error e) {
                if (chunk.isActive()) {
                    chunk.rollback(e);
                }
                throw e;
            }
        }

        @Override
        public void close() {
            spool.close();
        }
    }

    private static void rollbackQuietly(Transaction transaction, Throwable cause) {
        try {
            transaction.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static long dayOf(ImportKind kind, Table.Row row) {
        return kind.dateColumn().map(row::get).map(text -> {
            try {
                return LocalDate.parse(text, ISO_DATE).toEpochDay() + DAY_SHIFT;
            } catch (DateTimeParseException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private static Error rowError(Sheet sheet, int row, RuleViolation violation) {
        return new Error(sheet.fileName, row, sheet.kind.columnOf(violation.field()), violation.rule(),
                violation.getMessage());
    }

    private static String abbreviate(String text) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
    }

    /** One file read and checked, and what applying its rows did. */
    private static final class Sheet {
        final ImportKind kind;
        final String fileName;
        List<String> header;
        int rows;
        int rejectedRows;
        int applied;
        int duplicates;

        Sheet(ImportKind kind, String fileName) {
            this.kind = kind;
            this.fileName = fileName;
        }
    }

}
