package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A loan was declared in default; {@code unrecoveredPrincipal} is its principal less the principal repaid. */
public record LoanDefaulted(String loanId, String bankId, String enterpriseId, String district,
                            LocalDate overdueSince, LocalDate declaredOn, Money unrecoveredPrincipal) {
}
