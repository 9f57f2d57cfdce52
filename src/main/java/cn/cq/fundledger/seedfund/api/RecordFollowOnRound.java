package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * Records a follow-on financing round of a project (the link to angel capital): who invested, how much, and
 * the post-money valuation, which marks the seed fund's equity stakes in the project.
 */
public record RecordFollowOnRound(String roundId, String projectId, String investor, Money amount, Money postMoney,
                                  LocalDate closedOn) implements SeedFactCommand {

    @Override
    public SeedFactKind kind() {
        return SeedFactKind.FOLLOW_ON_ROUND;
    }

    @Override
    public String newFactId() {
        return roundId;
    }
}
