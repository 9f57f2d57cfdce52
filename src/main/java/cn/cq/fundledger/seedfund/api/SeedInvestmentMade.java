package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * A seed investment was made. {@code projectCap} is the per-project cap in force on the investment date: the
 * investment keeps it, whatever the policy says later. {@code equityStake} is null for a loan.
 */
public record SeedInvestmentMade(String investmentId, String fundId, String projectId, String enterpriseName,
                                 Instrument instrument, Money amount, Ratio equityStake, LocalDate investedOn,
                                 Money projectCap) {
}
