package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A fund calls {@code amount} of its partners' commitments, shared among them pro rata to commitment. */
public record CallCapital(String callId, String fundId, Money amount, LocalDate calledOn) implements EquityFactCommand {
}
