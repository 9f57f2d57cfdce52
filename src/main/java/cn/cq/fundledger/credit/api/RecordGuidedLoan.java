package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * A commercial loan a bank granted to a program enterprise on the strength of its knowledge-value credit
 * (引导发放商业贷款): counted by the program, without risk sharing.
 */
public record RecordGuidedLoan(String loanId, String bankId, String enterpriseId, String district, Money principal,
                               LocalDate issuedOn) {
}
