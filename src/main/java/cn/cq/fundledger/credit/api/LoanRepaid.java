package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** A repayment: principal (reducing the outstanding principal) and interest (the bank's income). */
public record LoanRepaid(String repaymentId, String loanId, String bankId, String district, Money principal,
                         Money interest, LocalDate paidOn, Money outstandingAfter) {
}
