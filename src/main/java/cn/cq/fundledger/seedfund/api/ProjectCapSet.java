package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A version of the per-project cap, in force for investments dated from {@code effectiveFrom}. */
public record ProjectCapSet(LocalDate effectiveFrom, Money cap) {
}
