package cn.cq.fundledger.credit.api;

import java.time.LocalDate;

/** The bank claims compensation from the district's risk pool for a defaulted loan. */
public record ClaimCompensation(String claimId, String loanId, LocalDate claimedOn) {
}
