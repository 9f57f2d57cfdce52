package cn.cq.fundledger.seedfund.api;

/**
 * How a seed investment ends: the founders buy the stake back, it is transferred to follow-on investors,
 * the enterprise is liquidated, the interest-free loan is repaid (loans only), or it is written off under
 * the program's loss tolerance (no proceeds; the whole cost is the loss).
 */
public enum ExitRoute { BUYBACK, TRANSFER, LIQUIDATION, REPAID, WRITE_OFF }
