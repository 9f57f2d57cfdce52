package cn.cq.fundledger.importer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * How far the running import is: rows to apply and rows applied so far (both 0 when none runs), for the
 * log, the metrics ({@code fundledger.import.rows.total}, {@code fundledger.import.rows.applied}) and the
 * pages that show a progress bar.
 */
@Component
public class ImportProgress {

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();

    public ImportProgress(MeterRegistry registry) {
        Gauge.builder("fundledger.import.rows.total", total, AtomicLong::get)
                .description("rows of the import being applied (0: none)").register(registry);
        Gauge.builder("fundledger.import.rows.applied", done, AtomicLong::get)
                .description("rows of the running import sent through the rules so far").register(registry);
    }

    /** Rows of the running import sent through the rules so far, of all its rows (0 of 0: none runs). */
    public record Snapshot(long applied, long total) {
    }

    public Snapshot now() {
        long rows = total.get();
        return new Snapshot(Math.min(done.get(), rows), rows);
    }

    void started(long rows) {
        done.set(0);
        total.set(rows);
    }

    void advanced(long rows) {
        done.set(rows);
    }

    void finished() {
        total.set(0);
        done.set(0);
    }
}
