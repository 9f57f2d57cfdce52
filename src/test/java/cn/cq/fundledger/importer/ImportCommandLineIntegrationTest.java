package cn.cq.fundledger.importer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same import from the command line, for scheduled jobs: a folder of files, a JSON report, an exit code. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.datasource.url=jdbc:h2:mem:import-cli;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
class ImportCommandLineIntegrationTest {

    @Autowired
    Importer importer;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    @Test
    void aFolderIsImportedAsOneBundleAndReportedAsJson() throws Exception {
        Files.writeString(folder.resolve("banks.csv"), "bank_id,name\nB01,重庆银行\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("risk-sharing.csv"), "effective_from,fund_share_pct,bank_id\n2017-01-01,80,\n");
        Files.writeString(folder.resolve("notes.txt"), "ignored");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ImportCommandLine.run(importer, List.of(folder.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"applied\" : 2");

        long before = new EventStoreProbe(jdbc).count();
        Path bad = folder.resolve("bad");
        Files.createDirectory(bad);
        Files.writeString(bad.resolve("banks.csv"), "bank_id,name\nB02,\n");
        out.reset();
        assertThat(ImportCommandLine.run(importer, List.of(bad.toString()), new PrintStream(out, true,
                StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"column\" : \"name\"");
        assertThat(new EventStoreProbe(jdbc).count()).isEqualTo(before);

        out.reset();
        assertThat(ImportCommandLine.run(importer, List.of(folder.resolve("none.csv").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no such file");
    }
}
