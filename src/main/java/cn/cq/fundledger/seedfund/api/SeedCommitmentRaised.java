package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A local seed fund's committed capital grew by {@code increase} on {@code raisedOn}. */
public record SeedCommitmentRaised(String raiseId, String fundId, Money increase, LocalDate raisedOn) {
}
