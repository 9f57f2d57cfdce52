package cn.cq.fundledger.credit.api;

/**
 * Corrects a wrongly recorded credit fact: records its reversal, linked to the original, with a mandatory
 * reason. Nothing is edited or deleted; the corrected fact, if any, is then recorded with a new id.
 *
 * @param kind   which fact: {@code repayment}, {@code contribution} or {@code guided_loan}
 * @param factId the fact's id (repayment id, contribution id, guided loan id)
 */
public record ReverseFact(FactKind kind, String factId, String reason) {

    /** The credit facts a correction can reverse. */
    public enum FactKind { REPAYMENT, CONTRIBUTION, GUIDED_LOAN }
}
