package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * A wrongly recorded fact was reversed. It names the fact and the event that recorded it, keeps the fact's
 * own business date (so figures as of any later date no longer count it) and undoes its amounts:
 * {@code principal} (repayments, guided loans, loans, and the unrecovered principal of a default),
 * {@code interest} (repayments), {@code amount} (contributions, recoveries, claims' unrecovered principal) and
 * {@code poolShare} (the pool's part of a recovery or a claim). {@code replacedBy} names the corrected fact
 * recorded by the same command, if any.
 */
public record FactReversed(ReverseFact.FactKind kind, String factId, String reversesEventId, String reason,
                           String loanId, String enterpriseId, String bankId, String district,
                           PoolSource source, LocalDate businessDate, Money principal, Money interest, Money amount,
                           Money poolShare, String replacedBy) {
}
