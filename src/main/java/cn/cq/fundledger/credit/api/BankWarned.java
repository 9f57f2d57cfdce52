package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A default took the bank's loss rate to or above the warning threshold. */
public record BankWarned(String bankId, LocalDate warnedOn, Ratio lossRate, Money unrecoveredPrincipal,
                         Money issuedPrincipal, Ratio threshold, String causedBy) {
}
