-- Read model of the achievement-transformation equity fund program (processing group "equity-ledger").
-- Every table is a deterministic function of the event stream: rebuilt row for row by a replay.

-- The funds, each established by its first partner's commitment.
CREATE TABLE equity_fund (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    fund_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    established_on DATE         NOT NULL
);

-- One row per money-moving fact of a fund (commitment, call, deal, exit, distribution): a fund's figures as of
-- a date are sums over it (business_date <= asOf), and each row names the event it comes from.
CREATE TABLE equity_movement (
    event_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    global_index    BIGINT       NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    business_date   DATE         NOT NULL,
    kind            VARCHAR(24)  NOT NULL,
    fact_id         VARCHAR(200) NOT NULL,
    fund_id         VARCHAR(64)  NOT NULL,
    deal_id         VARCHAR(64),
    project_id      VARCHAR(64),
    committed_fen   BIGINT       NOT NULL,
    called_fen      BIGINT       NOT NULL,
    invested_fen    BIGINT       NOT NULL,
    deals           INTEGER      NOT NULL,
    exited_cost_fen BIGINT       NOT NULL,
    proceeds_fen    BIGINT       NOT NULL,
    distributed_fen BIGINT       NOT NULL
);
CREATE INDEX equity_movement_date ON equity_movement (business_date);
CREATE INDEX equity_movement_fund ON equity_movement (fund_id);

-- Each partner's part of a commitment, a call or a distribution: a partner's figures as of a date are sums
-- over it, and the parts of one fact add up to that fact's row in equity_movement.
CREATE TABLE equity_partner_movement (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    partner          VARCHAR(200) NOT NULL,
    partner_position INTEGER      NOT NULL,
    global_index     BIGINT       NOT NULL,
    business_date    DATE         NOT NULL,
    kind             VARCHAR(24)  NOT NULL,
    fact_id          VARCHAR(200) NOT NULL,
    fund_id          VARCHAR(64)  NOT NULL,
    committed_fen    BIGINT       NOT NULL,
    called_fen       BIGINT       NOT NULL,
    distributed_fen  BIGINT       NOT NULL,
    PRIMARY KEY (event_id, partner)
);
CREATE INDEX equity_partner_movement_fund ON equity_partner_movement (fund_id, partner);

-- The terms of each deal as closed (never changes).
CREATE TABLE equity_deal (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deal_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    fund_id    VARCHAR(64)  NOT NULL,
    project_id VARCHAR(64)  NOT NULL,
    company    VARCHAR(255) NOT NULL,
    amount_fen BIGINT       NOT NULL,
    stake_bp   INTEGER      NOT NULL,
    closed_on  DATE         NOT NULL
);

-- Valuations of deals: the holding as it stood at the end of marked_on.
CREATE TABLE equity_mark (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deal_id      VARCHAR(64) NOT NULL,
    marked_on    DATE        NOT NULL,
    fund_id      VARCHAR(64) NOT NULL,
    value_fen    BIGINT      NOT NULL,
    method       VARCHAR(16) NOT NULL,
    global_index BIGINT      NOT NULL,
    recorded_by  VARCHAR(64),
    PRIMARY KEY (deal_id, marked_on)
);

-- Exits: the part of the original holding sold (basis points), the cost it stands for, what is left.
CREATE TABLE equity_exit (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
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
