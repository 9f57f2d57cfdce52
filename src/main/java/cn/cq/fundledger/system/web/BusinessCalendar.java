package cn.cq.fundledger.system.web;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** The business date a read is asked for: the caller's {@code asOf}, or today in the ledger's time zone. */
@Component
public class BusinessCalendar {

    private final Clock clock;

    public BusinessCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDate asOf(LocalDate requested) {
        return requested != null ? requested : LocalDate.now(clock);
    }
}
