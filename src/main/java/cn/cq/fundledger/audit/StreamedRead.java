package cn.cq.fundledger.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A long read in constant memory, on any database: inside a read-only transaction of its own (PostgreSQL streams
 * a result only inside one, with a fetch size), and on H2 with lazy query execution, without which H2 first copies
 * the whole result to a temporary file (a chain check read 46,000 rows/s that way, 680,000 rows/s lazily). The
 * connection is given back as it came.
 */
final class StreamedRead {

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private StreamedRead() {
    }

    static void on(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        if (h2) {
            set(connection, "SET LAZY_QUERY_EXECUTION TRUE");
        }
        try {
            work.run(connection);
        } finally {
            if (h2) {
                set(connection, "SET LAZY_QUERY_EXECUTION FALSE");
            }
            if (autoCommit) { // a transaction of our own (not a caller's): it only read
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void set(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(setting);
        }
    }
}
