package cn.cq.fundledger.credit.api;

import java.time.LocalDate;

/** The bank declares a loan in default: overdue since one date, declared on another. */
public record DeclareDefault(String loanId, LocalDate overdueSince, LocalDate declaredOn) {
}
