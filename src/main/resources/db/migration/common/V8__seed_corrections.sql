-- Corrections of seed facts, and the event ids the explanations of the seed reports list.
--
-- The seed read model is rebuilt from the events: its rows are deleted and the token of its processor
-- ("seed-ledger") is removed, so that at the next start the processor takes in the whole history again (with no
-- token it starts at the beginning of the event store) and fills the new columns and tables. The events themselves
-- are untouched.
DELETE FROM seed_movement;
DELETE FROM seed_fund;
DELETE FROM seed_investment;
DELETE FROM seed_round;
DELETE FROM seed_cap_version;
DELETE FROM seed_target;
DELETE FROM TokenEntry WHERE processorName = 'seed-ledger';

-- One row per reversed fact (SeedFactReversed): kind INVESTMENT, EXIT, COMMITMENT_RAISE or FOLLOW_ON_ROUND, the
-- fact's id, the event that recorded it, the reason, the corrected fact recorded with it (if any) and the fact's own
-- business date. Tables of facts "as made" (seed_investment, seed_exit, seed_round) keep their rows: a fact is
-- reversed as of an instant when its reversal's recorded_at is at or before it. The money figures are netted out by
-- the reversal's row of kind REVERSAL in seed_movement (none for a round: rounds have no movement rows).
CREATE TABLE seed_reversal (
    event_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    global_index      BIGINT        NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    kind              VARCHAR(24)   NOT NULL,
    fact_id           VARCHAR(64)   NOT NULL,
    reverses_event_id VARCHAR(64)   NOT NULL,
    reason            VARCHAR(2000) NOT NULL,
    replaced_by       VARCHAR(64),
    business_date     DATE          NOT NULL,
    fund_id           VARCHAR(64),
    investment_id     VARCHAR(64),
    project_id        VARCHAR(64),
    CONSTRAINT seed_reversal_fact UNIQUE (kind, fact_id)
);
CREATE INDEX seed_reversal_investment ON seed_reversal (investment_id);

-- An investment whose exit was reversed may exit again: investment_id is no longer unique. Each exit names its event.
DROP TABLE seed_exit;
CREATE TABLE seed_exit (
    event_id             VARCHAR(64) NOT NULL,
    global_index         BIGINT      NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    exit_id              VARCHAR(64) NOT NULL PRIMARY KEY,
    investment_id        VARCHAR(64) NOT NULL,
    route                VARCHAR(16) NOT NULL,
    cost_fen             BIGINT      NOT NULL,
    proceeds_fen         BIGINT      NOT NULL,
    city_share_bp        INTEGER     NOT NULL,
    city_proceeds_fen    BIGINT      NOT NULL,
    partner_proceeds_fen BIGINT      NOT NULL,
    realised_gain_fen    BIGINT      NOT NULL,
    exited_on            DATE        NOT NULL
);
CREATE INDEX seed_exit_investment ON seed_exit (investment_id);

-- Rounds and scale targets name the event that recorded them (the parts of follow-on capital, marks and targets).
ALTER TABLE seed_round ADD COLUMN event_id VARCHAR(64) NOT NULL;
ALTER TABLE seed_round ADD COLUMN global_index BIGINT NOT NULL;
ALTER TABLE seed_target ADD COLUMN event_id VARCHAR(64) NOT NULL;
