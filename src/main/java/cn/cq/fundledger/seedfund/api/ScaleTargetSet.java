package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A scale target: {@code targetScale} of committed capital in the local seed funds by {@code targetDate}. */
public record ScaleTargetSet(Money targetScale, LocalDate targetDate) {
}
