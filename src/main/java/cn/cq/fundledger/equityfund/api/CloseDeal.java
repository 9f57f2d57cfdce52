package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A fund invests {@code amount} in a company (project) for {@code stake} of it. */
public record CloseDeal(String dealId, String fundId, String projectId, String company, Money amount, Ratio stake,
                        LocalDate closedOn) implements EquityFactCommand {
}
