package cn.cq.fundledger.system;

import java.util.List;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, with one change: a transaction that appends events first locks the one row of
 * {@code event_append_lock} and holds it until it commits or rolls back. Positions in the global index are
 * handed out when rows are inserted, so they are handed out in commit order: no event is ever visible while
 * an earlier position may still be committed. Every gap a reader sees is final (a rollback, a crash, a
 * sequence's cache lost at a restart), which is why the processors track no gaps at all
 * ({@code gapTimeout} of 1 ms): a crash that leaves ten thousand empty positions costs them nothing. It also
 * serialises appends of several nodes, so the hash chain and every processor read one order.
 *
 * <p>The price: appends of different programs, and of several nodes, take turns. A single fact appends in
 * milliseconds; an import holds the lock from its first chunk to its commit, and (on one node) the
 * {@link WriteGate} already keeps other commands out for that time.
 */
public class SerialAppendStorageEngine extends JdbcEventStorageEngine {

    static final String LOCK = "SELECT id FROM event_append_lock WHERE id = 1 FOR UPDATE";

    private final TransactionManager transactions;

    SerialAppendStorageEngine(Builder builder, TransactionManager transactions) {
        super(builder);
        this.transactions = transactions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            JdbcUtils.executeQuery(getConnection(), connection -> connection.prepareStatement(LOCK),
                    resultSet -> resultSet.next(),
                    e -> new EventStoreException("Could not take the event append lock", e));
            super.appendEvents(events, serializer);
        });
    }
}
