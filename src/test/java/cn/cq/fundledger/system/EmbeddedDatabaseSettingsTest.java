package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class EmbeddedDatabaseSettingsTest {

    @Test
    void anH2FileUrlIsClosedByTheLedgerUnlessItSaysOtherwise() {
        assertThat(EmbeddedDatabaseSettings.tuned("jdbc:h2:file:./data/fundledger"))
                .isEqualTo("jdbc:h2:file:./data/fundledger;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(EmbeddedDatabaseSettings.tuned("jdbc:h2:./data/x;db_close_on_exit=TRUE"))
                .isEqualTo("jdbc:h2:./data/x;db_close_on_exit=TRUE");
    }

    @Test
    void otherDatabasesAreLeftAsGiven() {
        for (String url : new String[]{"jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://localhost/~/x",
                "jdbc:postgresql://localhost:5432/ledger"}) {
            assertThat(EmbeddedDatabaseSettings.tuned(url)).isEqualTo(url);
        }
    }

    /** A file that held and lost many rows is small again once the ledger has stopped, and keeps what it holds. */
    @Test
    void theFileIsCompactedWhenTheLedgerStops(@TempDir Path folder) throws Exception {
        long plain = churnAndStop(folder.resolve("plain"), false);
        long compacted = churnAndStop(folder.resolve("compacted"), true);
        assertThat(compacted).as("compacted at stop: %d bytes against %d", compacted, plain).isLessThan(plain / 4);
        try (HikariDataSource again = dataSource(folder.resolve("compacted"));
             Connection c = again.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*), SUM(id) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
            assertThat(rs.getLong(2)).isEqualTo(500_500);
        }
    }

    private static long churnAndStop(Path database, boolean compactOnStop) throws Exception {
        HikariDataSource source = dataSource(database);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("dataSource", source);
        EmbeddedDatabaseSettings settings = new EmbeddedDatabaseSettings(compactOnStop,
                beans.getBeanProvider(javax.sql.DataSource.class));
        settings.postProcessBeforeInitialization(source, "dataSource");
        settings.start();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, payload VARCHAR(1000))");
            for (int round = 0; round < 4; round++) {
                s.execute("INSERT INTO t SELECT x, REPEAT('p', 500) FROM SYSTEM_RANGE(1, 20000)");
                s.execute("DELETE FROM t");
            }
            s.execute("INSERT INTO t SELECT x, REPEAT('p', 500) FROM SYSTEM_RANGE(1, 1000)");
        }
        settings.stop();
        source.close();
        return Files.size(Path.of(database + ".mv.db"));
    }

    private static HikariDataSource dataSource(Path database) {
        HikariDataSource source = new HikariDataSource();
        source.setJdbcUrl("jdbc:h2:file:" + database.toAbsolutePath());
        source.setUsername("sa");
        source.setPassword("");
        return source;
    }
}
