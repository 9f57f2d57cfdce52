package cn.cq.fundledger.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A long read in constant memory on any database: inside a read-only transaction of its own, which PostgreSQL needs
 * to stream a result with a fetch size. H2 keeps a large result in a temporary file instead. (H2's lazy query
 * execution would avoid that file and reads several times faster, but H2 2.3.232 then fails long scans of a file
 * that is being written with "Chunk … not found", h2database/h2database#4142: the benchmark's verification of
 * 537,667 events did. The chain check reads in keyset batches instead, {@link EventChain#verify}.) The connection
 * is given back as it came.
 */
final class StreamedRead {

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private StreamedRead() {
    }

    static void on(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            work.run(connection);
        } finally {
            if (autoCommit) { // a transaction of our own (not a caller's): it only read
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
