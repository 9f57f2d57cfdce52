package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** Money recovered from a defaulted borrower after the pool compensated the bank. */
public record RecordRecovery(String recoveryId, String loanId, Money amount, LocalDate recoveredOn) {
}
