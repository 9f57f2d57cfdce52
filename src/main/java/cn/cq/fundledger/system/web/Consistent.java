package cn.cq.fundledger.system.web;

import cn.cq.fundledger.system.ProjectionConsistency;
import cn.cq.fundledger.system.ProjectionHalted;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Answers a read once the projections hold every event stored before the request, and says so in
 * headers: {@code X-Ledger-Position} (the newest event taken in), {@code X-Ledger-Consistent} (false when
 * the wait ran out) and {@code X-Ledger-Rebuilding} (true while a replay rebuilds the figures).
 *
 * <p>{@link #reading(String...)} names the processors whose tables a controller reads (every processor
 * otherwise): the read waits for those only, and when one of them is halted on an event the read needs it
 * answers 503 ({@link ProjectionHalted}) instead of stale figures.
 */
@Component
public class Consistent {

    private final ProjectionConsistency consistency;
    private final Set<String> processors;

    @Autowired
    public Consistent(ProjectionConsistency consistency) {
        this(consistency, Set.of());
    }

    private Consistent(ProjectionConsistency consistency, Set<String> processors) {
        this.consistency = consistency;
        this.processors = processors;
    }

    /** The same answers, for reads of the tables of the given processors only. */
    public Consistent reading(String... processors) {
        return new Consistent(consistency, Set.of(processors));
    }

    public <T> ResponseEntity<T> answer(Supplier<T> read) {
        long position = consistency.head();
        ProjectionConsistency.Wait wait = consistency.await(processors, position, consistency.defaultWait());
        if (!wait.complete() && !wait.halted().isEmpty()) {
            throw new ProjectionHalted(wait.halted(), position);
        }
        T body = read.get();
        return ResponseEntity.ok()
                .header("X-Ledger-Position", Long.toString(position))
                .header("X-Ledger-Consistent", Boolean.toString(wait.complete()))
                .header("X-Ledger-Rebuilding", Boolean.toString(consistency.replaying(processors)))
                .body(body);
    }
}
