package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * A local seed fund puts money into a project: an equity stake of {@code equityStake} (more than 0%, at most
 * 100%) or an interest-free loan ({@code equityStake} null).
 */
public record MakeSeedInvestment(String investmentId, String fundId, String projectId, String enterpriseName,
                                 Instrument instrument, Money amount, Ratio equityStake, LocalDate investedOn) implements SeedFactCommand {

    @Override
    public SeedFactKind kind() {
        return SeedFactKind.INVESTMENT;
    }

    @Override
    public String newFactId() {
        return investmentId;
    }
}
