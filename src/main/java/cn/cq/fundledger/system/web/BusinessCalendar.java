package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The point a read is asked for: the business date (the caller's {@code asOf}, or today in the ledger's time
 * zone) and, optionally, the instant whose view of the ledger is wanted ({@code recordedAt}).
 */
@Component
public class BusinessCalendar {

    private final Clock clock;

    public BusinessCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDate asOf(LocalDate requested) {
        return requested != null ? requested : LocalDate.now(clock);
    }

    /**
     * The instant a read looks at the ledger as it was recorded then (null: everything recorded). An instant in the
     * future is refused: the ledger cannot say yet what it will have recorded then.
     */
    public Instant recordedAt(Instant requested) {
        if (requested != null && requested.isAfter(clock.instant())) {
            throw RuleViolation.invalid("recordedAt", "recorded-at-in-future", "recordedAt " + requested
                    + " is in the future: the ledger cannot say yet what it will have recorded then");
        }
        return requested;
    }
}
