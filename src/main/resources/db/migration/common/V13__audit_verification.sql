-- Verifications run as jobs (issue 14): POST /api/audit/verifications, then GET its URL from any node. Not a read
-- model and not a fact: a record of what an auditor asked and what the ledger found. A verification that found the
-- chain intact is a verified point: the next "since-last" check starts from its position and hash.
CREATE TABLE audit_verification (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    scope              VARCHAR(16)   NOT NULL,
    requested_by       VARCHAR(64),
    node               VARCHAR(200),
    state              VARCHAR(16)   NOT NULL,
    phase              VARCHAR(16),
    done               BIGINT        NOT NULL,
    total              BIGINT        NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    phase_started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE,
    from_position      BIGINT,
    verified_position  BIGINT,
    verified_hash      VARCHAR(64),
    chain_valid        BOOLEAN,
    projections_match  BOOLEAN,
    result             VARCHAR(1048576),
    error              VARCHAR(2000)
);
CREATE INDEX audit_verification_started ON audit_verification (started_at);
