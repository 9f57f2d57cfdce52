-- Corrections of credit facts (issue 7). A reversal never edits or deletes the reversed fact's rows: it adds a
-- REVERSAL row to credit_movement (for facts that move money) and one row here, linked to the original event.
CREATE TABLE credit_reversal (
    event_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    global_index      BIGINT        NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    business_date     DATE          NOT NULL,
    kind              VARCHAR(24)   NOT NULL,
    fact_id           VARCHAR(200)  NOT NULL,
    reverses_event_id VARCHAR(64),
    reason            VARCHAR(1000) NOT NULL,
    replaced_by       VARCHAR(200),
    recorded_by       VARCHAR(64)
);
CREATE INDEX credit_reversal_fact ON credit_reversal (kind, fact_id);
CREATE INDEX credit_reversal_original ON credit_reversal (reverses_event_id);

-- An evaluation may be reversed and its enterprise evaluated again on the same date: rows are told apart by the
-- event that recorded them (rows projected before this migration get it from a replay).
ALTER TABLE credit_evaluation ADD COLUMN event_id VARCHAR(64);
