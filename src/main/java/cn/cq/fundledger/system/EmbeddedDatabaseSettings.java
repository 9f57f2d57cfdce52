package cn.cq.fundledger.system;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What an H2 file needs as the ledger's store, done by the ledger for the plain {@code jdbc:h2:file:…} URL a user
 * passes (nothing to add to the URL; a setting the URL names is left as given):
 *
 * <ul>
 *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: the ledger closes the database itself, after its last write, rather than
 *       H2's shutdown hook racing it;</li>
 *   <li>the file is <b>compacted when the ledger stops</b> ({@code SHUTDOWN COMPACT}, after every processor and
 *       request has stopped; {@code fundledger.h2.compact-on-stop}, on by default). H2 writes append-only and keeps
 *       old chunks for 45 s (so that a crash never finds a chunk overwritten before the disk flushed its
 *       successor): under an import or a replay the live file grows to ten times its compacted size, and H2's own
 *       compaction on close (200 ms) left it at two to ten times. H2 has no compaction while the database is open
 *       that keeps its crash safety (its own sets that retention to 0 and blocks every write), so the ledger leaves
 *       it to the stop. {@code SHUTDOWN COMPACT} writes the compacted copy beside the file and then replaces it.</li>
 * </ul>
 */
@Component
public class EmbeddedDatabaseSettings implements BeanPostProcessor, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSettings.class);

    private final boolean compactOnStop;
    private final ObjectProvider<DataSource> dataSource;
    private volatile boolean running;
    private volatile String url;

    public EmbeddedDatabaseSettings(@Value("${fundledger.h2.compact-on-stop:true}") boolean compactOnStop,
                                    ObjectProvider<DataSource> dataSource) {
        this.compactOnStop = compactOnStop;
        this.dataSource = dataSource;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            hikari.setJdbcUrl(tuned(hikari.getJdbcUrl()));
            url = hikari.getJdbcUrl();
        }
        return bean;
    }

    /** The URL with the ledger's settings for an H2 file database; any other URL as it is. */
    static String tuned(String url) {
        if (!isH2File(url)) {
            return url;
        }
        StringBuilder tuned = new StringBuilder(url);
        if (!url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            tuned.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return tuned.toString();
    }

    static boolean isH2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = lower.substring("jdbc:h2:".length());
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:"));
    }

    // ------------------------------------------------------------------ compaction when the ledger stops

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!compactOnStop || url == null || !isH2File(url)) {
            return;
        }
        long started = System.nanoTime();
        Connection connection = null;
        try {
            connection = dataSource.getObject().getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
            log.info("Database file compacted in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            log.warn("The database file was not compacted at stop: {}", e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    /** After a shutdown the connection is closed already; the pool only needs to let go of it. */
    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException closedAlready) {
            // the database was shut down under it
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped last: after the web server, the processors, the scheduler, everything that writes. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
