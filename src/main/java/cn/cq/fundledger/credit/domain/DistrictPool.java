package cn.cq.fundledger.credit.domain;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A district risk compensation pool: its balance, the claims waiting for money (strictly oldest first), and its
 * money's movements by business date, so that a payment or a reversal is checked on every date it touches, not
 * only on the day it is recorded.
 */
public final class DistrictPool {

    private final String district;
    private Money balance = Money.ZERO;
    private final Deque<String> waiting = new ArrayDeque<>();
    private final TreeMap<LocalDate, Money> changes = new TreeMap<>();
    private LocalDate lastPaidOn;

    public DistrictPool(String district) {
        this.district = district;
    }

    public String district() {
        return district;
    }

    public Money balance() {
        return balance;
    }

    /** Money in (positive) or out (negative) on a business date. */
    public void move(LocalDate date, Money change) {
        balance = balance.plus(change);
        changes.merge(date, change, Money::plus);
    }

    /** A claim joins the end of the queue. */
    public void enqueue(String claimId) {
        waiting.addLast(claimId);
    }

    /** The oldest claim waiting, if any. */
    public Optional<String> oldestWaiting() {
        return Optional.ofNullable(waiting.peekFirst());
    }

    public List<String> waiting() {
        return List.copyOf(waiting);
    }

    /** A claim leaves the queue (paid, or reversed while waiting). */
    public void dequeue(String claimId) {
        waiting.remove(claimId);
    }

    /** A claim paid on a date: the money leaves, the claim leaves the queue, later payments cannot be earlier. */
    public void pay(String claimId, Money amount, LocalDate paidOn) {
        move(paidOn, amount.negate());
        lastPaidOn = lastPaidOn == null || paidOn.isAfter(lastPaidOn) ? paidOn : lastPaidOn;
        waiting.remove(claimId);
    }

    /** What a waiting claim asks of the pool: its share and the date it was claimed. */
    public record ClaimTerms(Money poolShare, LocalDate claimedOn) {
    }

    /** A payment the pool can make now: the claim, its amount and the business date it carries. */
    public record Payment(String claimId, Money amount, LocalDate paidOn) {
    }

    /**
     * The next payment after an inflow dated {@code inflowDate}: the oldest waiting claim, if the pool can pay it
     * (strictly oldest first: while the oldest cannot be paid, no younger one is). The caller records the payment
     * ({@link #pay}) and asks again, until there is none.
     */
    public Optional<Payment> nextPayment(LocalDate inflowDate, java.util.function.Function<String, ClaimTerms> terms) {
        String oldest = waiting.peekFirst();
        if (oldest == null) {
            return Optional.empty();
        }
        ClaimTerms claim = terms.apply(oldest);
        return paymentDate(claim.poolShare(), claim.claimedOn(), inflowDate)
                .map(date -> new Payment(oldest, claim.poolShare(), date));
    }

    /**
     * The date the oldest waiting claim, of {@code amount} claimed on {@code claimedOn}, can be paid after an inflow
     * dated {@code inflowDate}; empty while the pool cannot pay it. Never before the claim, the inflow, or an older
     * claim's payment; and only from a date from which the pool holds the money on every later date (a back-dated
     * claim is not paid with money that came later).
     */
    public Optional<LocalDate> paymentDate(Money amount, LocalDate claimedOn, LocalDate inflowDate) {
        if (balance.isLessThan(amount)) {
            return Optional.empty();
        }
        LocalDate from = latest(latest(inflowDate, claimedOn), lastPaidOn);
        return earliestCovering(from, amount);
    }

    /** The lowest balance the pool holds as of any date on or after {@code from}. */
    public Money lowestFrom(LocalDate from) {
        Money running = Money.ZERO;
        for (Money change : changes.headMap(from, true).values()) {
            running = running.plus(change);
        }
        Money lowest = running;
        for (Money change : changes.tailMap(from, false).values()) {
            running = running.plus(change);
            lowest = lowest.min(running);
        }
        return lowest;
    }

    /**
     * The earliest date on or after {@code from} from which the pool holds {@code amount} as of every later date
     * (its balance as recorded now covers it): the date a payment of that amount can carry.
     */
    Optional<LocalDate> earliestCovering(LocalDate from, Money amount) {
        List<LocalDate> dates = new ArrayList<>();
        List<Money> balances = new ArrayList<>();
        Money running = Money.ZERO;
        for (Money change : changes.headMap(from, true).values()) {
            running = running.plus(change);
        }
        dates.add(from);
        balances.add(running);
        for (Map.Entry<LocalDate, Money> change : changes.tailMap(from, false).entrySet()) {
            running = running.plus(change.getValue());
            dates.add(change.getKey());
            balances.add(running);
        }
        LocalDate earliest = null;
        Money lowestAfter = null;
        for (int i = dates.size() - 1; i >= 0; i--) {
            lowestAfter = lowestAfter == null ? balances.get(i) : lowestAfter.min(balances.get(i));
            if (lowestAfter.isLessThan(amount)) {
                break;
            }
            earliest = dates.get(i);
        }
        return Optional.ofNullable(earliest);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
