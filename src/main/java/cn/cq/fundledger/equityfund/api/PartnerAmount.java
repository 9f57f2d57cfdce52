package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;

/**
 * One partner's part of a capital call or a distribution; {@code partnerPosition} is the partner's place in its
 * fund (1 for the first partner to commit), the order in which reports list partners and ties are broken.
 */
public record PartnerAmount(String partner, int partnerPosition, Money amount) {
}
