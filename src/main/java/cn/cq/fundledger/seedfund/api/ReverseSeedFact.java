package cn.cq.fundledger.seedfund.api;

/**
 * Corrects a wrongly recorded seed fact: records its reversal, linked to the event that recorded it, with a
 * mandatory reason. Nothing is edited or deleted. The corrected fact, if any, comes as {@code replacement} (a
 * command of the same kind with a new id): it is recorded right after the reversal, in the same unit of work and
 * by the same rules as on its own, so the reversal and the corrected fact are recorded together or not at all.
 *
 * @param kind        which fact: an investment, an exit, a commitment raise or a follow-on round
 * @param factId      the fact's id (investment id, exit id, raise id, round id)
 * @param reason      why it is reversed (mandatory, at most 500 characters)
 * @param replacement the corrected fact, or null
 */
public record ReverseSeedFact(SeedFactKind kind, String factId, String reason, SeedFactCommand replacement) {
}
