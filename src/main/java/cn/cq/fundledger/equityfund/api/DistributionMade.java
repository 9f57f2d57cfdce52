package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * Exit proceeds were paid to the partners: {@code parts} gives each partner's share, pro rata to its paid-in
 * capital on {@code distributedOn} (largest remainder), adding up to {@code amount}.
 */
public record DistributionMade(String distributionId, String fundId, Money amount, LocalDate distributedOn,
                               List<PartnerAmount> parts) {
}
