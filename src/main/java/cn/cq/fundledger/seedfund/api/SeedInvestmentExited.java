package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * A seed investment exited. The proceeds go back to the funders in the fund's proportion: {@code cityProceeds}
 * is {@code cityShare} of them rounded half-even to the fen, the partner takes the rest, so the two add up to
 * the proceeds. {@code cost} is the amount invested; {@code realisedGain} = proceeds − cost (negative: a loss;
 * a write-off records the whole cost as lost). The investment's fund, project, instrument and date are repeated
 * so that readers need no other event.
 */
public record SeedInvestmentExited(String exitId, String investmentId, String fundId, String projectId,
                                   Instrument instrument, LocalDate investedOn, ExitRoute route, Money cost,
                                   Money proceeds, Ratio cityShare, Money cityProceeds, Money partnerProceeds,
                                   Money realisedGain, LocalDate exitedOn) {
}
