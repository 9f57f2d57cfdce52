package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * The district's pool paid a claim. {@code paidOn} is the claim's date when paid at once, or the business
 * date of the inflow (contribution or recovery, named by {@code paidFrom}) that let a waiting claim be paid.
 */
public record CompensationPaid(String claimId, String loanId, String bankId, String district, Money amount,
                               LocalDate paidOn, String paidFrom) {
}
