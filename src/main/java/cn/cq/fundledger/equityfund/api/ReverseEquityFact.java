package cn.cq.fundledger.equityfund.api;

/**
 * Corrects a wrongly recorded equity fact: records its reversal, linked to the event that recorded it, with a
 * mandatory reason, and then, when {@code replacement} is given, the corrected fact, by the same rules as when it is
 * recorded on its own. Nothing is edited or deleted; the two are recorded together or not at all.
 *
 * @param kind        which fact
 * @param factId      the id the fact was recorded under: {@code fundId/partner@committedOn} for a commitment, the
 *                    call, deal, exit or distribution id, {@code dealId@markedOn} for a mark
 * @param reason      why it is reversed (mandatory)
 * @param replacement the corrected fact, of the same kind, or null; a call or distribution without a fund, a mark
 *                    or exit without a deal is taken to be of the reversed fact's fund or deal
 */
public record ReverseEquityFact(FactKind kind, String factId, String reason, EquityFactCommand replacement) {

    /** The equity facts a correction can reverse. */
    public enum FactKind { COMMITMENT, CALL, DEAL, MARK, EXIT, DISTRIBUTION }
}
