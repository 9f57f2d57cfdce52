package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A local seed fund was set up: its partner, the city's share of its money and its first committed capital. */
public record SeedFundEstablished(String fundId, String name, String partner, Ratio cityShare, Money committed,
                                  LocalDate establishedOn) {
}
