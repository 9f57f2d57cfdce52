package cn.cq.fundledger.credit.domain;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;

/** How a defaulted loan's loss is shared between the pool and the bank, and how a recovery is shared back. */
public final class Compensation {

    private Compensation() {
    }

    /** A claim: the pool owes the loan's fund share of its unrecovered principal (half-even to the fen); the bank
     *  bears the rest. */
    public static Money.Split claim(Money unrecoveredPrincipal, Ratio fundShare) {
        return unrecoveredPrincipal.split(fundShare);
    }

    /**
     * A recovery: the pool takes the loan's fund share of it, never more than it paid on the claim less what it has
     * recovered already; the bank takes the rest.
     */
    public static Money poolShareOfRecovery(Money amount, Ratio fundShare, Money poolPaid, Money poolRecovered) {
        return amount.split(fundShare).first().min(poolPaid.minus(poolRecovered));
    }
}
