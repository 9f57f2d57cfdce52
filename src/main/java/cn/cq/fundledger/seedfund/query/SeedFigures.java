package cn.cq.fundledger.seedfund.query;

/**
 * The seed guidance fund's figures as of a date, in fen: the sums over {@code seed_movement}.
 *
 * @param projects        projects whose investments on or before the date add up to more than zero (a project
 *                        counts once, and not at all when its only investments were reversed)
 * @param investments     investments made
 * @param committed       committed capital of the local funds (first commitments and raises)
 * @param invested        money invested (cumulative: exits do not reduce it)
 * @param active          cost of the investments not exited
 * @param exits           investments exited by buyback, transfer, liquidation or repayment
 * @param exitedCost      their cost
 * @param writeOffs       investments written off
 * @param writtenOff      their cost: the loss written off
 * @param proceeds        money the exits brought back
 * @param cityProceeds    the city's share of it
 * @param partnerProceeds the partners' share of it
 */
public record SeedFigures(long projects, long investments, long committed, long invested, long active, long exits,
                          long exitedCost, long writeOffs, long writtenOff, long proceeds, long cityProceeds,
                          long partnerProceeds) {

    /** No movement at all. */
    public static final SeedFigures NONE = new SeedFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
