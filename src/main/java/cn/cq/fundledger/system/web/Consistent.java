package cn.cq.fundledger.system.web;

import cn.cq.fundledger.system.ProjectionConsistency;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Answers a read once the projections hold every event stored before the request, and says so in
 * headers: {@code X-Ledger-Position} (the newest event taken in), {@code X-Ledger-Consistent} (false when
 * the wait ran out) and {@code X-Ledger-Rebuilding} (true while a replay rebuilds the figures).
 */
@Component
public class Consistent {

    private final ProjectionConsistency consistency;

    public Consistent(ProjectionConsistency consistency) {
        this.consistency = consistency;
    }

    public <T> ResponseEntity<T> answer(Supplier<T> read) {
        long position = consistency.head();
        boolean complete = consistency.awaitPosition(position, consistency.defaultWait());
        T body = read.get();
        return ResponseEntity.ok()
                .header("X-Ledger-Position", Long.toString(position))
                .header("X-Ledger-Consistent", Boolean.toString(complete))
                .header("X-Ledger-Rebuilding", Boolean.toString(consistency.replaying()))
                .body(body);
    }
}
