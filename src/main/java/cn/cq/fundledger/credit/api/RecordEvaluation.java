package cn.cq.fundledger.credit.api;

import java.time.LocalDate;

/** Records the knowledge-value evaluation of an enterprise: its grade, valid for one year from {@code evaluatedOn}. */
public record RecordEvaluation(String enterpriseId, String enterpriseName, String district, Grade grade,
                               LocalDate evaluatedOn) {
}
