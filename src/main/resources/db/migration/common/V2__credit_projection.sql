-- Read model of the knowledge-value credit program (processing group "credit-ledger").
-- Every table is a deterministic function of the event stream: rebuilt row for row by a replay.

-- One row per money-moving fact: the figures of /api/totals and of the reports are sums over it
-- (business_date <= asOf), and each row names the event it comes from.
CREATE TABLE credit_movement (
    event_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    global_index       BIGINT       NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    business_date      DATE         NOT NULL,
    kind               VARCHAR(24)  NOT NULL,
    fact_id            VARCHAR(64)  NOT NULL,
    loan_id            VARCHAR(64),
    enterprise_id      VARCHAR(64),
    bank_id            VARCHAR(64),
    district           VARCHAR(64)  NOT NULL,
    source             VARCHAR(16),
    loans              INTEGER      NOT NULL,
    issued_fen         BIGINT       NOT NULL,
    outstanding_fen    BIGINT       NOT NULL,
    defaulted_fen      BIGINT       NOT NULL,
    compensated_fen    BIGINT       NOT NULL,
    waiting_fen        BIGINT       NOT NULL,
    recovered_fen      BIGINT       NOT NULL,
    pool_recovered_fen BIGINT       NOT NULL,
    contributed_fen    BIGINT       NOT NULL,
    interest_fen       BIGINT       NOT NULL,
    guided_loans       INTEGER      NOT NULL,
    guided_fen         BIGINT       NOT NULL
);
CREATE INDEX credit_movement_date ON credit_movement (business_date);
CREATE INDEX credit_movement_loan ON credit_movement (loan_id);

-- The terms of each loan as issued (never changes).
CREATE TABLE credit_loan (
    loan_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    bank_id        VARCHAR(64) NOT NULL,
    enterprise_id  VARCHAR(64) NOT NULL,
    district       VARCHAR(64) NOT NULL,
    principal_fen  BIGINT      NOT NULL,
    annual_rate_bp INTEGER     NOT NULL,
    term_months    INTEGER     NOT NULL,
    issued_on      DATE        NOT NULL,
    grade          VARCHAR(1)  NOT NULL,
    fund_share_bp  INTEGER     NOT NULL
);

CREATE TABLE credit_bank (
    bank_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    name    VARCHAR(255) NOT NULL
);

CREATE TABLE credit_evaluation (
    enterprise_id   VARCHAR(64)  NOT NULL,
    evaluated_on    DATE         NOT NULL,
    enterprise_name VARCHAR(255) NOT NULL,
    district        VARCHAR(64)  NOT NULL,
    grade           VARCHAR(1)   NOT NULL,
    valid_until     DATE         NOT NULL,
    credit_line_fen BIGINT       NOT NULL,
    PRIMARY KEY (enterprise_id, evaluated_on)
);

CREATE TABLE credit_risk_sharing (
    global_index   BIGINT      NOT NULL PRIMARY KEY,
    effective_from DATE        NOT NULL,
    bank_id        VARCHAR(64),
    fund_share_bp  INTEGER     NOT NULL,
    recorded_by    VARCHAR(64),
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Fuse decisions per bank (warned, suspended, reinstated), in the order recorded.
CREATE TABLE credit_bank_status (
    global_index   BIGINT       NOT NULL PRIMARY KEY,
    bank_id        VARCHAR(64)  NOT NULL,
    business_date  DATE         NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    loss_rate_bp   INTEGER,
    reason         VARCHAR(500),
    recorded_by    VARCHAR(64)
);

-- Fuse thresholds, in the order recorded.
CREATE TABLE credit_fuse_threshold (
    global_index   BIGINT      NOT NULL PRIMARY KEY,
    effective_from DATE        NOT NULL,
    warning_bp     INTEGER     NOT NULL,
    suspension_bp  INTEGER     NOT NULL,
    recorded_by    VARCHAR(64),
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE credit_claim (
    claim_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    loan_id         VARCHAR(64) NOT NULL,
    bank_id         VARCHAR(64) NOT NULL,
    district        VARCHAR(64) NOT NULL,
    claimed_on      DATE        NOT NULL,
    unrecovered_fen BIGINT      NOT NULL,
    fund_share_bp   INTEGER     NOT NULL,
    pool_share_fen  BIGINT      NOT NULL,
    bank_share_fen  BIGINT      NOT NULL,
    paid_on         DATE,
    paid_from       VARCHAR(64)
);
