-- See common/V7: (enterprise_id, evaluated_on) is no longer unique once an evaluation can be reversed.
ALTER TABLE credit_evaluation DROP PRIMARY KEY;
CREATE INDEX credit_evaluation_enterprise ON credit_evaluation (enterprise_id, evaluated_on);
