package cn.cq.fundledger.reporting.api;

import java.time.LocalDate;

/** Fetches the published figures of every program as of a business date. */
public record FetchTotals(LocalDate asOf) {
}
