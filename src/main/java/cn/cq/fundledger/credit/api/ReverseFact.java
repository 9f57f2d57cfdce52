package cn.cq.fundledger.credit.api;

/**
 * Corrects a wrongly recorded credit fact: records its reversal, linked to the original, with a mandatory
 * reason. Nothing is edited or deleted. The corrected fact, if given as {@code replacement}, is recorded in the
 * same command, after the reversal and under the same rules as when it is recorded on its own, so either both
 * are recorded or neither.
 *
 * @param kind        which fact
 * @param factId      the fact's id: the loan, repayment, contribution, guided loan, recovery or claim id; for a
 *                    default the loan id; for an evaluation {@code enterpriseId@evaluatedOn}
 * @param replacement the command recording the corrected fact (of the kind's command type), or null
 */
public record ReverseFact(FactKind kind, String factId, String reason, Object replacement) {

    public ReverseFact(FactKind kind, String factId, String reason) {
        this(kind, factId, reason, null);
    }

    /** The credit facts a correction can reverse, with the command that records each. */
    public enum FactKind {
        REPAYMENT(RecordRepayment.class), CONTRIBUTION(ContributeToPool.class), GUIDED_LOAN(RecordGuidedLoan.class),
        LOAN(IssueLoan.class), EVALUATION(RecordEvaluation.class), DEFAULT(DeclareDefault.class),
        CLAIM(ClaimCompensation.class), RECOVERY(RecordRecovery.class);

        private final Class<?> command;

        FactKind(Class<?> command) {
            this.command = command;
        }

        /** The command that records a fact of this kind (the type a replacement must have). */
        public Class<?> command() {
            return command;
        }
    }
}
