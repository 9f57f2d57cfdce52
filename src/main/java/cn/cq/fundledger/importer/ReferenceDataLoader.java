package cn.cq.fundledger.importer;

import cn.cq.fundledger.importer.ImportReport.BundleReport;
import cn.cq.fundledger.importer.reference.ReferenceDataset;
import cn.cq.fundledger.reporting.api.FetchTotals;
import cn.cq.fundledger.reporting.api.Totals;
import cn.cq.fundledger.system.ProjectionConsistency;
import cn.cq.fundledger.system.RequestContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * First run: when the event store is empty, the ledger imports the reference dataset (individual,
 * plausible transactions of 2017–2025 that add up to the published figures) through the ordinary import
 * path, and logs the totals as of the letter's date. On by default only in the default profile;
 * {@code fundledger.reference-data.load=false} turns it off.
 */
@Component
@ConditionalOnProperty(name = "fundledger.reference-data.load", havingValue = "true")
public class ReferenceDataLoader implements ApplicationRunner {

    static final LocalDate LETTER_DATE = LocalDate.of(2024, 4, 14);
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);

    private final Importer importer;
    private final ProjectionConsistency consistency;
    private final QueryGateway queries;

    public ReferenceDataLoader(Importer importer, ProjectionConsistency consistency, QueryGateway queries) {
        this.importer = importer;
        this.consistency = consistency;
        this.queries = queries;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (consistency.head() >= 0) {
            log.info("The event store holds events: the reference dataset is not loaded");
            return;
        }
        log.info("Empty ledger: importing the reference dataset (fundledger.reference-data.load=false turns this off)");
        long started = System.nanoTime();
        List<Importer.NamedFile> files = new ArrayList<>();
        ReferenceDataset.csvFiles().forEach((name, bytes) -> files.add(new Importer.NamedFile(name, bytes)));
        BundleReport[] report = new BundleReport[1];
        RequestContext.runAsSystem("reference-data", () -> report[0] = importer.importBundle(files));
        if (!report[0].ok()) {
            throw new IllegalStateException("The reference dataset was refused: " + report[0].errors());
        }
        consistency.awaitPosition(consistency.head(), Duration.ofMinutes(5));
        Totals t = queries.query(new FetchTotals(LETTER_DATE), Totals.class).join();
        log.info("Reference dataset loaded: {} rows in {} s. Totals as of {}: seed fund {} projects / {}; equity fund "
                        + "{} projects / {}; knowledge-value credit loans {} / {}; guided commercial loans {}",
                report[0].applied(), (System.nanoTime() - started) / 1_000_000_000, LETTER_DATE,
                t.seedFund().projects(), t.seedFund().invested(), t.equityFund().projects(), t.equityFund().invested(),
                t.creditLoans().loans(), t.creditLoans().issued(), t.guidedLoans().issued());
    }
}
