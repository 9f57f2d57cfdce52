-- Corrections of equity facts, and the event behind every row of the equity read model (processing group
-- "equity-ledger"), so that a reversal can be linked to the row of the fact it reverses and every figure traced.
--
-- The equity read model is rebuilt from the event store at the next start: its tables are emptied here and the
-- processor's token is removed (a streaming processor without a token starts at the beginning of the history), so
-- every row is written by the projection code a replay runs, never by this script.

DELETE FROM equity_movement;
DELETE FROM equity_partner_movement;
DROP TABLE equity_fund;
DROP TABLE equity_deal;
DROP TABLE equity_mark;
DROP TABLE equity_exit;
DELETE FROM TokenEntry WHERE processorName = 'equity-ledger';

-- The funds, each established by its first partner's commitment (event_id: the establishment).
CREATE TABLE equity_fund (
    event_id       VARCHAR(64)  NOT NULL,
    global_index   BIGINT       NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    fund_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    established_on DATE         NOT NULL
);

-- The terms of each deal as closed (never changes; a reversed deal keeps its row, see equity_reversal).
CREATE TABLE equity_deal (
    event_id     VARCHAR(64)  NOT NULL,
    global_index BIGINT       NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    deal_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    fund_id      VARCHAR(64)  NOT NULL,
    project_id   VARCHAR(64)  NOT NULL,
    company      VARCHAR(255) NOT NULL,
    amount_fen   BIGINT       NOT NULL,
    stake_bp     INTEGER      NOT NULL,
    closed_on    DATE         NOT NULL
);

-- Valuations of deals: the holding as it stood at the end of marked_on. A deal and day may have a reversed mark
-- and the mark that corrected it, hence one row per event.
CREATE TABLE equity_mark (
    event_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    global_index BIGINT      NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    deal_id      VARCHAR(64) NOT NULL,
    marked_on    DATE        NOT NULL,
    fund_id      VARCHAR(64) NOT NULL,
    value_fen    BIGINT      NOT NULL,
    method       VARCHAR(16) NOT NULL,
    recorded_by  VARCHAR(64)
);
CREATE INDEX equity_mark_deal ON equity_mark (deal_id, marked_on);

-- Exits: the part of the original holding sold (basis points), the cost it stands for, what is left.
CREATE TABLE equity_exit (
    event_id      VARCHAR(64) NOT NULL,
    global_index  BIGINT      NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    exit_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    deal_id       VARCHAR(64) NOT NULL,
    fund_id       VARCHAR(64) NOT NULL,
    exited_on     DATE        NOT NULL,
    portion_bp    INTEGER     NOT NULL,
    cost_fen      BIGINT      NOT NULL,
    held_after_bp INTEGER     NOT NULL,
    full_exit     BOOLEAN     NOT NULL,
    proceeds_fen  BIGINT      NOT NULL
);
CREATE INDEX equity_exit_deal ON equity_exit (deal_id);

-- Every reversal of an equity fact (kind: COMMITMENT, CALL, DEAL, MARK, EXIT, DISTRIBUTION), linked to the event
-- that recorded the fact, with its reason and the fact that replaced it (if any). business_date is the fact's own.
-- A fact is reversed as of an instant when its reversal's recorded_at is on or before it.
CREATE TABLE equity_reversal (
    event_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    global_index      BIGINT        NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by       VARCHAR(64),
    business_date     DATE          NOT NULL,
    kind              VARCHAR(24)   NOT NULL,
    fact_id           VARCHAR(200)  NOT NULL,
    reverses_event_id VARCHAR(64)   NOT NULL,
    fund_id           VARCHAR(64)   NOT NULL,
    deal_id           VARCHAR(64),
    reason            VARCHAR(500)  NOT NULL,
    replaced_by       VARCHAR(200)
);
CREATE UNIQUE INDEX equity_reversal_reverses ON equity_reversal (reverses_event_id);
