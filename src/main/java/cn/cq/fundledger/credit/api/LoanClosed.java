package cn.cq.fundledger.credit.api;

import java.time.LocalDate;

/** The loan's principal was repaid in full. */
public record LoanClosed(String loanId, LocalDate closedOn) {
}
