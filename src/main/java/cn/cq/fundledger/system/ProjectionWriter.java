package cn.cq.fundledger.system;

import java.sql.BatchUpdateException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Component;

/**
 * Writes projection rows in JDBC batches: the rows that the events of one processor batch produce are
 * inserted together when that batch commits, in the same transaction as the processor's token. A replay
 * thus writes thousands of rows per statement round trip instead of one.
 *
 * <p>Projection tables are append-only (like the ledger itself), so only INSERTs are batched; statements
 * of one kind are grouped, which is safe because inserts into different tables do not depend on each other.
 *
 * <p>Each row remembers the event it comes from: when the database refuses a row, the batch fails with a
 * {@link ProjectionFailure} naming that event, not only the statement.
 */
@Component
public class ProjectionWriter {

    private static final String PENDING = ProjectionWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public ProjectionWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(Object[] args, EventMessage<?> event) {
    }

    public void insert(String sql, Object... args) {
        if (!sql.stripLeading().regionMatches(true, 0, "INSERT", 0, 6)) {
            throw new IllegalArgumentException("projection tables are append-only: " + sql);
        }
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        UnitOfWork<?> root = current.root();
        Map<String, List<Row>> pending = root.getOrComputeResource(PENDING, key -> {
            Map<String, List<Row>> rows = new LinkedHashMap<>();
            root.onPrepareCommit(u -> flush(rows));
            return rows;
        });
        EventMessage<?> event = current.getMessage() instanceof EventMessage<?> e ? e : null;
        pending.computeIfAbsent(sql, s -> new ArrayList<>()).add(new Row(args, event));
    }

    private void flush(Map<String, List<Row>> rows) {
        rows.forEach(this::insertBatch);
        rows.clear();
    }

    /**
     * One JDBC batch of one statement. Run here rather than through {@code JdbcTemplate.batchUpdate}, whose
     * translated exception keeps only the failing row's own error and so loses which row of the batch it was.
     */
    private void insertBatch(String sql, List<Row> batch) {
        jdbc.execute(sql, (PreparedStatementCallback<int[]>) statement -> {
            for (Row row : batch) {
                ArgumentPreparedStatementSetter values = new ArgumentPreparedStatementSetter(row.args());
                values.setValues(statement);
                statement.addBatch();
                values.cleanupParameters();
            }
            try {
                return statement.executeBatch();
            } catch (BatchUpdateException e) {
                int failed = failedRow(e, batch.size());
                if (failed >= 0 && batch.get(failed).event() != null) {
                    throw ProjectionFailure.of(batch.get(failed).event(), e);
                }
                throw e;
            }
        });
    }

    /**
     * Which row of a batch of {@code size} the database refused: the first whose update count says so (a driver
     * that goes on after a failure, such as H2), else the first without a count (one that stops, such as
     * PostgreSQL's); the only row of a batch of one; -1 when it cannot tell.
     */
    static int failedRow(Throwable error, int size) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BatchUpdateException batch && batch.getUpdateCounts() != null) {
                int[] counts = batch.getUpdateCounts();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == Statement.EXECUTE_FAILED) {
                        return i;
                    }
                }
                return counts.length < size ? counts.length : -1;
            }
        }
        return size == 1 ? 0 : -1;
    }
}
