package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * Sets up a local seed fund with a partner (a district, a park or a university). {@code cityShare} is the
 * city's share of the fund's money (the partner holds the rest); null takes the program's default (40%).
 */
public record EstablishSeedFund(String fundId, String name, String partner, Ratio cityShare, Money committed,
                                LocalDate establishedOn) {
}
