package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** Values the fund's holding in a deal on a date, by a method. */
public record MarkDeal(String dealId, Money value, ValuationMethod method, LocalDate markedOn)
        implements EquityFactCommand {
}
