package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * The fund's holding in a deal was valued at {@code value} on {@code markedOn}: the holding as it stood at the
 * end of that day, after any exit of that day. A later partial exit scales the mark down in the fund's NAV.
 */
public record DealMarked(String dealId, String fundId, Money value, ValuationMethod method, LocalDate markedOn) {
}
