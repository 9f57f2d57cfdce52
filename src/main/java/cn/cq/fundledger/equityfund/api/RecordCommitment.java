package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * A partner commits capital to an equity fund. The first commitment of a fund establishes it under
 * {@code fundName}; a partner's further commitment on another date raises its commitment by {@code amount}.
 */
public record RecordCommitment(String fundId, String fundName, String partner, Money amount,
                               LocalDate committedOn) implements EquityFactCommand {
}
