-- Axon Framework's JDBC event store, token store and snapshot table (default EventSchema / TokenSchema names).
CREATE TABLE DomainEventEntry (
    globalIndex         BIGSERIAL PRIMARY KEY,
    aggregateIdentifier VARCHAR(255)   NOT NULL,
    sequenceNumber      BIGINT         NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255)   NOT NULL,
    metaData            BYTEA,
    payload             BYTEA NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255)   NOT NULL,
    timeStamp           VARCHAR(255)   NOT NULL,
    CONSTRAINT domain_event_aggregate_seq UNIQUE (aggregateIdentifier, sequenceNumber),
    CONSTRAINT domain_event_identifier UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    CONSTRAINT snapshot_event_identifier UNIQUE (eventIdentifier)
);

CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
