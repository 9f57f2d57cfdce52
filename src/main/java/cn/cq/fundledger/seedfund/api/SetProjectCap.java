package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * Records a version of the per-project cap: the most seed money one project may receive in all (every fund and
 * instrument together), in force for investments dated from {@code effectiveFrom}.
 */
public record SetProjectCap(LocalDate effectiveFrom, Money cap) {
}
