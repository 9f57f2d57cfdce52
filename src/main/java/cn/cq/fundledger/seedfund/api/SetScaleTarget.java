package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** Records a scale target of the seed guidance fund: {@code targetScale} of committed capital by {@code targetDate}. */
public record SetScaleTarget(Money targetScale, LocalDate targetDate) {
}
