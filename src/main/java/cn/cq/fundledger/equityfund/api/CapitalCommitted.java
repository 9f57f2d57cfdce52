package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * A partner committed {@code amount} to a fund on {@code committedOn} (a first commitment, or a raise of an
 * earlier one). {@code partnerPosition} is the partner's place in the fund (1 for the first partner to commit),
 * which breaks ties when a call or a distribution is shared.
 */
public record CapitalCommitted(String fundId, String partner, int partnerPosition, Money amount,
                               LocalDate committedOn) {
}
