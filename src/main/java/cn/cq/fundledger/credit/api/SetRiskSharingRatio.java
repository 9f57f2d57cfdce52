package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * Records a version of the government-bank risk-sharing ratio: the fund's (pool's) share of a defaulted
 * loan's unrecovered principal, in force from {@code effectiveFrom} for one bank, or for all banks when
 * {@code bankId} is null. A loan keeps the version in force on its issue date for ever.
 */
public record SetRiskSharingRatio(LocalDate effectiveFrom, Ratio fundShare, String bankId) {
}
