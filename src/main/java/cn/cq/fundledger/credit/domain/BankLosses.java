package cn.cq.fundledger.credit.domain;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** A cooperating bank in the program: what it issued and lost, and whether the fuse suspended it. */
public final class BankLosses {

    private final String name;
    private Money issued = Money.ZERO;
    private Money lost = Money.ZERO;
    private boolean suspended;

    public BankLosses(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Money issued() {
        return issued;
    }

    public Money lost() {
        return lost;
    }

    public boolean suspended() {
        return suspended;
    }

    public void issue(Money principal) {
        issued = issued.plus(principal);
    }

    /** A change of the unrecovered principal of its defaulted loans (negative when recovered or reversed). */
    public void lose(Money change) {
        lost = lost.plus(change);
    }

    public void changeIssued(Money change) {
        issued = issued.plus(change);
    }

    public void suspend() {
        suspended = true;
    }

    public void reinstate() {
        suspended = false;
    }

    /** The same bank with other losses (what it was before a loss), for comparing crossings. */
    BankLosses withLost(Money otherLost) {
        BankLosses copy = new BankLosses(name);
        copy.issued = issued;
        copy.lost = otherLost;
        copy.suspended = suspended;
        return copy;
    }

    /** Unrecovered principal of defaulted loans / principal issued, to the nearest basis point (for reading). */
    public Ratio lossRate() {
        if (issued.isZero()) {
            return Ratio.ZERO;
        }
        return Ratio.ofBasisPoints(BigDecimal.valueOf(lost.fen()).multiply(BigDecimal.valueOf(Ratio.ONE))
                .divide(BigDecimal.valueOf(issued.fen()), 0, RoundingMode.HALF_EVEN).intValueExact());
    }

    /** Whether the exact loss rate is at or above a threshold (no rounding decides a suspension). */
    public boolean lossRateAtLeast(Ratio threshold) {
        return !issued.isZero() && BigInteger.valueOf(lost.fen()).multiply(BigInteger.valueOf(Ratio.ONE))
                .compareTo(BigInteger.valueOf(issued.fen()).multiply(BigInteger.valueOf(threshold.basisPoints()))) >= 0;
    }
}
