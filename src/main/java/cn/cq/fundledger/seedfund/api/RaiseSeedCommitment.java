package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** Raises a local seed fund's committed capital by {@code increase} from {@code raisedOn}. */
public record RaiseSeedCommitment(String raiseId, String fundId, Money increase, LocalDate raisedOn) implements SeedFactCommand {

    @Override
    public SeedFactKind kind() {
        return SeedFactKind.COMMITMENT_RAISE;
    }

    @Override
    public String newFactId() {
        return raiseId;
    }
}
