package cn.cq.fundledger.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes projection rows in JDBC batches: the rows that the events of one processor batch produce are
 * inserted together when that batch commits, in the same transaction as the processor's token. A replay
 * thus writes thousands of rows per statement round trip instead of one.
 *
 * <p>Projection tables are append-only (like the ledger itself), so only INSERTs are batched; statements
 * of one kind are grouped, which is safe because inserts into different tables do not depend on each other.
 */
@Component
public class ProjectionWriter {

    private static final String PENDING = ProjectionWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public ProjectionWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String sql, Object... args) {
        if (!sql.stripLeading().regionMatches(true, 0, "INSERT", 0, 6)) {
            throw new IllegalArgumentException("projection tables are append-only: " + sql);
        }
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, List<Object[]>> pending = root.getOrComputeResource(PENDING, key -> {
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            root.onPrepareCommit(u -> flush(rows));
            return rows;
        });
        pending.computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
    }

    private void flush(Map<String, List<Object[]>> rows) {
        rows.forEach(jdbc::batchUpdate);
        rows.clear();
    }
}
