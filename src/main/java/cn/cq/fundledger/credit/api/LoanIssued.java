package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * A loan was issued. {@code fundShare} is the risk-sharing ratio in force for this bank on the issue date:
 * the loan keeps it through default, compensation and recovery, whatever the policy says later.
 */
public record LoanIssued(String loanId, String bankId, String enterpriseId, String district, Money principal,
                         Ratio annualRate, int termMonths, LocalDate issuedOn, Grade grade, Ratio fundShare) {
}
