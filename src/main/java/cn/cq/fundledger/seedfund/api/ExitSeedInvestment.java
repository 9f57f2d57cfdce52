package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** Ends a seed investment by a route, with the money it brought back (zero for a write-off). */
public record ExitSeedInvestment(String exitId, String investmentId, ExitRoute route, Money proceeds,
                                 LocalDate exitedOn) implements SeedFactCommand {

    @Override
    public SeedFactKind kind() {
        return SeedFactKind.EXIT;
    }

    @Override
    public String newFactId() {
        return exitId;
    }
}
