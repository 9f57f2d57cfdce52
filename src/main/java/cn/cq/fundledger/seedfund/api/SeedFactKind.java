package cn.cq.fundledger.seedfund.api;

/**
 * The seed facts a correction can reverse: an investment, an exit, a raise of a fund's commitment, a follow-on
 * round. (A fund's establishment and the policies are not corrected this way.)
 */
public enum SeedFactKind { INVESTMENT, EXIT, COMMITMENT_RAISE, FOLLOW_ON_ROUND }
