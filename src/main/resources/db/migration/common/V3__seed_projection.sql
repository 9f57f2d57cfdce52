-- Read model of the seed guidance fund (processing group "seed-ledger").
-- Every table is a deterministic function of the event stream: rebuilt row for row by a replay.

-- One row per money-moving fact (a fund set up, a commitment raised, an investment, an exit): the figures of
-- /api/totals and of the seed reports are sums over it (business_date <= asOf), and each row names its event.
-- vintage_year is the year of the investment a row belongs to (its own year for an investment, the
-- investment's year for an exit); null for fund rows.
CREATE TABLE seed_movement (
    event_id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    global_index         BIGINT       NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    business_date        DATE         NOT NULL,
    kind                 VARCHAR(24)  NOT NULL,
    fact_id              VARCHAR(64)  NOT NULL,
    fund_id              VARCHAR(64)  NOT NULL,
    investment_id        VARCHAR(64),
    project_id           VARCHAR(64),
    instrument           VARCHAR(16),
    route                VARCHAR(16),
    vintage_year         INTEGER,
    committed_fen        BIGINT       NOT NULL,
    investments          INTEGER      NOT NULL,
    invested_fen         BIGINT       NOT NULL,
    active_fen           BIGINT       NOT NULL,
    exits                INTEGER      NOT NULL,
    exited_cost_fen      BIGINT       NOT NULL,
    write_offs           INTEGER      NOT NULL,
    written_off_fen      BIGINT       NOT NULL,
    proceeds_fen         BIGINT       NOT NULL,
    city_proceeds_fen    BIGINT       NOT NULL,
    partner_proceeds_fen BIGINT       NOT NULL
);
CREATE INDEX seed_movement_date ON seed_movement (business_date);
CREATE INDEX seed_movement_investment ON seed_movement (investment_id);
CREATE INDEX seed_movement_fund ON seed_movement (fund_id);

-- Each local seed fund as set up (never changes; raises are movements).
CREATE TABLE seed_fund (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    fund_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    partner        VARCHAR(255) NOT NULL,
    city_share_bp  INTEGER      NOT NULL,
    committed_fen  BIGINT       NOT NULL,
    established_on DATE         NOT NULL
);

-- The terms of each investment as made (never changes). equity_bp is null for a loan.
CREATE TABLE seed_investment (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    investment_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    fund_id         VARCHAR(64)  NOT NULL,
    project_id      VARCHAR(64)  NOT NULL,
    enterprise_name VARCHAR(255) NOT NULL,
    instrument      VARCHAR(16)  NOT NULL,
    amount_fen      BIGINT       NOT NULL,
    equity_bp       INTEGER,
    invested_on     DATE         NOT NULL,
    project_cap_fen BIGINT       NOT NULL
);
CREATE INDEX seed_investment_project ON seed_investment (project_id);

-- How each investment exited (at most one exit per investment).
CREATE TABLE seed_exit (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    exit_id              VARCHAR(64) NOT NULL PRIMARY KEY,
    investment_id        VARCHAR(64) NOT NULL UNIQUE,
    route                VARCHAR(16) NOT NULL,
    cost_fen             BIGINT      NOT NULL,
    proceeds_fen         BIGINT      NOT NULL,
    city_share_bp        INTEGER     NOT NULL,
    city_proceeds_fen    BIGINT      NOT NULL,
    partner_proceeds_fen BIGINT      NOT NULL,
    realised_gain_fen    BIGINT      NOT NULL,
    exited_on            DATE        NOT NULL
);

-- Follow-on rounds of projects (the enterprises' money, not the funds': no movement rows).
CREATE TABLE seed_round (
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    round_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id     VARCHAR(64)  NOT NULL,
    investor       VARCHAR(255) NOT NULL,
    amount_fen     BIGINT       NOT NULL,
    post_money_fen BIGINT       NOT NULL,
    closed_on      DATE         NOT NULL
);
CREATE INDEX seed_round_project ON seed_round (project_id);

-- Versions of the per-project cap, in the order recorded (the opening versions first).
CREATE TABLE seed_cap_version (
    global_index   BIGINT      NOT NULL,
    effective_from DATE        NOT NULL,
    cap_fen        BIGINT      NOT NULL,
    recorded_by    VARCHAR(64),
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (global_index, effective_from)
);

-- Scale targets, one per target date (the opening one first).
CREATE TABLE seed_target (
    global_index BIGINT      NOT NULL,
    target_date  DATE        NOT NULL PRIMARY KEY,
    target_fen   BIGINT      NOT NULL,
    recorded_by  VARCHAR(64),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
