package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/** An enterprise was graded; the grade is valid on dates before {@code validUntil} and gives {@code creditLine}. */
public record EnterpriseEvaluated(String enterpriseId, String enterpriseName, String district, Grade grade,
                                  LocalDate evaluatedOn, LocalDate validUntil, Money creditLine) {
}
