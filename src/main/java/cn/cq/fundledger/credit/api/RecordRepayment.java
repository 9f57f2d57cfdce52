package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** The borrower repays principal and/or pays interest on a loan. */
public record RecordRepayment(String repaymentId, String loanId, Money principal, Money interest,
                              LocalDate paidOn) {
}
