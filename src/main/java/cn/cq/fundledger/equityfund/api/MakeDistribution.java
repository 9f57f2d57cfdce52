package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A fund pays {@code amount} of its exit proceeds out to its partners. */
public record MakeDistribution(String distributionId, String fundId, Money amount, LocalDate distributedOn)
        implements EquityFactCommand {
}
