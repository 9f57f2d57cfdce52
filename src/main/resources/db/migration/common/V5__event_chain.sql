-- The tamper-evident chain beside the event store: for every stored event, in global order, a SHA-256 over
-- the event's canonical content and the previous link's hash. Written by audit.EventChain, append-only.
CREATE TABLE event_chain (
    global_index     BIGINT      NOT NULL PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL,
    previous_hash    CHAR(64)    NOT NULL,
    hash             CHAR(64)    NOT NULL
);

-- One row, locked while a node seals new events, so that several nodes extend one chain.
CREATE TABLE event_chain_lock (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO event_chain_lock (id) VALUES (1);
