package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** Money put into a district's risk compensation pool by the city or the district. */
public record ContributeToPool(String contributionId, String district, PoolSource source, Money amount,
                               LocalDate contributedOn) {
}
