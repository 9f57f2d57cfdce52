-- Auditors' index of the event history (processing group "audit-index"): one row per stored event with
-- what one filters by; the payload and metadata stay in DomainEventEntry, the hash in event_chain.
CREATE TABLE audit_event (
    global_index    BIGINT       NOT NULL PRIMARY KEY,
    event_id        VARCHAR(255) NOT NULL,
    aggregate_type  VARCHAR(255),
    aggregate_id    VARCHAR(255),
    sequence_number BIGINT,
    event_type      VARCHAR(255) NOT NULL,
    business_date   DATE,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by     VARCHAR(64),
    correlation_id  VARCHAR(64),
    source          VARCHAR(255)
);
CREATE INDEX audit_event_type ON audit_event (event_type);
CREATE INDEX audit_event_business_date ON audit_event (business_date);
CREATE INDEX audit_event_recorded_at ON audit_event (recorded_at);
