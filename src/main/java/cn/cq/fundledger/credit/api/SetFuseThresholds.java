package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * Records a version of the fuse (熔断) thresholds, in force from {@code effectiveFrom}: a bank whose loss rate
 * (unrecovered principal of its defaulted loans / principal it issued) reaches {@code warning} is warned, one
 * that reaches {@code suspension} is suspended from issuing loans until an administrator reinstates it.
 */
public record SetFuseThresholds(LocalDate effectiveFrom, Ratio warning, Ratio suspension) {
}
