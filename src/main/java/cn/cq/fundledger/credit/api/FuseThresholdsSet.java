package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

public record FuseThresholdsSet(LocalDate effectiveFrom, Ratio warning, Ratio suspension) {
}
