package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * Capital was called and paid in: {@code parts} gives each partner's share (pro rata to its commitment on
 * {@code calledOn}, largest remainder, never above what the partner still owes), adding up to {@code amount}.
 */
public record CapitalCalled(String callId, String fundId, Money amount, LocalDate calledOn, List<PartnerAmount> parts) {
}
