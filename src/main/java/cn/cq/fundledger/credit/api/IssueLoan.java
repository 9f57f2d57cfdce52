package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/** A bank issues a knowledge-value credit loan to an evaluated enterprise. */
public record IssueLoan(String loanId, String bankId, String enterpriseId, String district, Money principal,
                        Ratio annualRate, int termMonths, LocalDate issuedOn) {
}
