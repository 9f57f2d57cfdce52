package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A version of the risk-sharing ratio; {@code bankId} null means all banks. */
public record RiskSharingRatioSet(LocalDate effectiveFrom, Ratio fundShare, String bankId) {
}
