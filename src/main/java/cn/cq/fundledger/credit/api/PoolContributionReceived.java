package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

public record PoolContributionReceived(String contributionId, String district, PoolSource source, Money amount,
                                       LocalDate contributedOn) {
}
