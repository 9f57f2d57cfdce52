package cn.cq.fundledger.reporting.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Fetches the published figures of every program as of a business date; with {@code recordedAt}, as the
 * ledger said at that instant (events recorded later are left out, even back-dated ones).
 */
public record FetchTotals(LocalDate asOf, Instant recordedAt) {

    public FetchTotals(LocalDate asOf) {
        this(asOf, null);
    }
}
