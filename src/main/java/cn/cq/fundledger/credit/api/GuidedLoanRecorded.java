package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

public record GuidedLoanRecorded(String loanId, String bankId, String enterpriseId, String district,
                                 Money principal, LocalDate issuedOn) {
}
