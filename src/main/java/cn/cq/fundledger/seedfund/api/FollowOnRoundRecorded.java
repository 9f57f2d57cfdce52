package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A project closed a follow-on round: investor, amount and post-money valuation. */
public record FollowOnRoundRecorded(String roundId, String projectId, String investor, Money amount, Money postMoney,
                                    LocalDate closedOn) {
}
