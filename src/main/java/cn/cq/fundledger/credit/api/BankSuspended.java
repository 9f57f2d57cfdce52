package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A default took the bank's loss rate to or above the suspension threshold: its new loans are refused. */
public record BankSuspended(String bankId, LocalDate suspendedOn, Ratio lossRate, Money unrecoveredPrincipal,
                            Money issuedPrincipal, Ratio threshold, String causedBy) {
}
