package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A fund invested {@code amount} (its cost) in a project's company for {@code stake} of it. */
public record DealClosed(String dealId, String fundId, String projectId, String company, Money amount, Ratio stake,
                         LocalDate closedOn) {
}
