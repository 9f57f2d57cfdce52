package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * A wrongly recorded fact was reversed. It names the fact and the event that recorded it, keeps the fact's
 * own business date (so figures as of any later date no longer count it) and undoes its amounts:
 * {@code principal} (repayments, guided loans), {@code interest} (repayments), {@code amount} (contributions).
 */
public record FactReversed(ReverseFact.FactKind kind, String factId, String reversesEventId, String reason,
                           String loanId, String enterpriseId, String bankId, String district,
                           PoolSource source, LocalDate businessDate, Money principal, Money interest, Money amount) {
}
