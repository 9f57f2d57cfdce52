package cn.cq.fundledger.importer;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.importer.ImportReport.Error;
import cn.cq.fundledger.importer.ImportReport.FileReport;
import cn.cq.fundledger.importer.ImportReport.KindCount;
import cn.cq.fundledger.system.RequestContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies operators' files all or nothing. Every row becomes the command the REST API would send and goes
 * through the same command handlers, inside one unit of work and one database transaction: if any row is
 * refused, the whole file (or bundle) is rolled back and every refused row is reported; otherwise all of
 * its events are appended in one batch. Rows identical to recorded facts are counted as duplicates and
 * not applied again, so a re-sent or cut-off file is safe to send again.
 */
@Component
public class Importer {

    /** Metadata key naming the file and row an event came from. */
    public static final String SOURCE = RequestContext.SOURCE;

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final CommandGateway commands;
    private final TransactionManager transactions;

    public Importer(CommandGateway commands, TransactionManager transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    /** A file of a bundle, by name ({@code loans.csv}) and content. */
    public record NamedFile(String name, byte[] content) {
    }

    public FileReport importFile(ImportKind kind, String fileName, byte[] content) {
        Sheet sheet = read(kind, fileName, content, 0);
        Outcome outcome = apply(sheet.planned);
        List<Error> errors = new ArrayList<>(sheet.errors);
        errors.addAll(outcome.errors);
        errors.sort(ERROR_ORDER);
        int rejected = sheet.rejectedRows + outcome.rejected;
        boolean ok = errors.isEmpty();
        return new FileReport(kind.kind(), sheet.rows, ok ? outcome.applied : 0, outcome.duplicates, rejected,
                List.copyOf(errors));
    }

    public BundleReport importBundle(List<NamedFile> files) {
        List<Error> errors = new ArrayList<>();
        List<Sheet> sheets = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            NamedFile file = files.get(i);
            ImportKind kind = ImportKind.ofFileName(file.name()).orElse(null);
            if (kind == null) {
                errors.add(new Error(file.name(), null, null, "unknown-kind", "'" + file.name()
                        + "' is not named after a kind of import (<kind>.csv or <kind>.xlsx, e.g. loans.csv)"));
                continue;
            }
            Sheet sheet = read(kind, file.name(), file.content(), i);
            errors.addAll(sheet.errors);
            sheets.add(sheet);
        }
        List<Planned> planned = new ArrayList<>();
        sheets.forEach(s -> planned.addAll(s.planned));
        planned.sort(BUNDLE_ORDER);
        Outcome outcome = apply(planned);
        errors.addAll(outcome.errors);
        List<String> fileOrder = files.stream().map(NamedFile::name).toList();
        errors.sort(Comparator.comparing((Error e) -> fileOrder.indexOf(e.file())).thenComparing(ERROR_ORDER));
        boolean ok = errors.isEmpty();
        List<KindCount> counts = sheets.stream().map(s -> new KindCount(s.kind.kind(), s.fileName, s.rows,
                ok ? outcome.applied(s) : 0, outcome.duplicates(s), s.rejectedRows + outcome.rejected(s))).toList();
        int rows = sheets.stream().mapToInt(s -> s.rows).sum();
        int rejected = counts.stream().mapToInt(KindCount::rejected).sum();
        return new BundleReport(files.size(), rows, ok ? outcome.applied : 0, outcome.duplicates, rejected, counts,
                List.copyOf(errors));
    }

    /** Errors by row, file problems (no row) first; a stable sort keeps a row's problems in column order. */
    private static final Comparator<Error> ERROR_ORDER = Comparator.comparing(Error::row,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Business date, then the order of the kinds, then the file's own order. */
    private static final Comparator<Planned> BUNDLE_ORDER = Comparator
            .comparing((Planned p) -> p.date, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> p.sheet.kind.ordinal())
            .thenComparing(p -> p.sheet.index)
            .thenComparing(p -> p.row.number());

    // ------------------------------------------------------------ reading

    private Sheet read(ImportKind kind, String fileName, byte[] content, int index) {
        Sheet sheet = new Sheet(kind, fileName, index);
        Table table;
        try {
            table = TableReader.read(fileName, content);
        } catch (TableReader.UnreadableFile e) {
            sheet.errors.add(new Error(fileName, null, null, "unreadable-file", e.getMessage()));
            return sheet;
        }
        sheet.rows = table.rows().size();
        List<String> expected = kind.columns();
        Set<String> seen = new HashSet<>();
        for (String column : table.header()) {
            if (!expected.contains(column)) {
                sheet.errors.add(new Error(fileName, 1, abbreviate(column), "unknown-column", "unknown column '"
                        + abbreviate(column) + "': " + kind.kind() + " has the columns " + String.join(", ", expected)));
            } else if (!seen.add(column)) {
                sheet.errors.add(new Error(fileName, 1, column, "duplicate-column", "column '" + column
                        + "' appears twice"));
            }
        }
        for (String column : expected) {
            if (!seen.contains(column)) {
                sheet.errors.add(new Error(fileName, 1, column, "missing-column", "missing column '" + column + "'"));
            }
        }
        if (!sheet.errors.isEmpty()) {
            sheet.rejectedRows = sheet.rows;
            return sheet;
        }
        if (table.rows().isEmpty()) {
            sheet.errors.add(new Error(fileName, null, null, "no-rows", "the file has a header but no rows"));
            return sheet;
        }
        for (Table.Row row : table.rows()) {
            if (row.values().containsKey("")) {
                sheet.errors.add(new Error(fileName, row.number(), null, "extra-cells",
                        "the row has more cells than the header has columns"));
                sheet.rejectedRows++;
                continue;
            }
            try {
                Object command = kind.toCommand(row);
                sheet.planned.add(new Planned(sheet, row, command, dateOf(kind, row)));
            } catch (Input.InvalidInput invalid) {
                invalid.problems().forEach(p -> sheet.errors.add(error(sheet, row, p)));
                sheet.rejectedRows++;
            } catch (RuleViolation violation) {
                sheet.errors.add(error(sheet, row, violation));
                sheet.rejectedRows++;
            }
        }
        return sheet;
    }

    private static LocalDate dateOf(ImportKind kind, Table.Row row) {
        return kind.dateColumn().map(row::get).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
    }

    // ------------------------------------------------------------ applying

    /**
     * Sends every planned row's command inside one root unit of work bound to one transaction. Each command
     * runs in a nested unit of work; a refused one leaves no trace and marks the transaction for rollback,
     * and the remaining rows still run so that every refusal is reported. Commits only when none was refused.
     */
    private Outcome apply(List<Planned> planned) {
        Outcome outcome = new Outcome();
        if (planned.isEmpty()) {
            return outcome;
        }
        String user = RequestContext.currentUser();
        long started = System.nanoTime();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            unitOfWork.attachTransaction(transactions);
            for (Planned p : planned) {
                try {
                    Object result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(p.command)
                            .andMetaData(Map.of(SOURCE, p.sheet.fileName + "#" + p.row.number(),
                                    RequestContext.USER, user)));
                    if (result instanceof Recorded recorded && recorded.duplicate()) {
                        outcome.duplicate(p);
                    } else {
                        outcome.applied(p);
                    }
                } catch (RuleViolation violation) {
                    outcome.rejected(p, error(p.sheet, p.row, violation));
                } catch (Input.InvalidInput invalid) {
                    outcome.rejected(p, invalid.problems().stream().map(v -> error(p.sheet, p.row, v)).toList());
                }
            }
            if (outcome.errors.isEmpty()) {
                unitOfWork.commit();
            } else {
                unitOfWork.rollback();
            }
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            log.info("Import of {} rows {} in {} ms ({} rows/s): {} applied, {} duplicates, {} refused",
                    planned.size(), outcome.errors.isEmpty() ? "committed" : "rolled back", millis,
                    planned.size() * 1000L / millis, outcome.applied, outcome.duplicates, outcome.rejected);
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            log.error("Import aborted; nothing was written", e);
            throw e;
        }
        return outcome;
    }

    private static Error error(Sheet sheet, Table.Row row, RuleViolation violation) {
        return new Error(sheet.fileName, row.number(), sheet.kind.columnOf(violation.field()), violation.rule(),
                violation.getMessage());
    }

    private static String abbreviate(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
    }

    /** One file read and checked, with its rows planned as commands. */
    private static final class Sheet {
        final ImportKind kind;
        final String fileName;
        final int index;
        final List<Planned> planned = new ArrayList<>();
        final List<Error> errors = new ArrayList<>();
        int rows;
        int rejectedRows;

        Sheet(ImportKind kind, String fileName, int index) {
            this.kind = kind;
            this.fileName = fileName;
            this.index = index;
        }
    }

    private record Planned(Sheet sheet, Table.Row row, Object command, LocalDate date) {
    }

    /** Counts of applying planned rows, in total and per file. */
    private static final class Outcome {
        final List<Error> errors = new ArrayList<>();
        final Map<Sheet, int[]> perSheet = new java.util.IdentityHashMap<>();
        int applied;
        int duplicates;
        int rejected;

        void applied(Planned p) {
            applied++;
            counts(p.sheet)[0]++;
        }

        void duplicate(Planned p) {
            duplicates++;
            counts(p.sheet)[1]++;
        }

        void rejected(Planned p, Error error) {
            rejected(p, List.of(error));
        }

        void rejected(Planned p, List<Error> rowErrors) {
            rejected++;
            counts(p.sheet)[2]++;
            errors.addAll(rowErrors);
        }

        int applied(Sheet s) {
            return counts(s)[0];
        }

        int duplicates(Sheet s) {
            return counts(s)[1];
        }

        int rejected(Sheet s) {
            return counts(s)[2];
        }

        private int[] counts(Sheet s) {
            return perSheet.computeIfAbsent(s, k -> new int[3]);
        }
    }
}
