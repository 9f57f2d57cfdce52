-- Saved what-if scenarios of the credit program (issue 13). Not a read model and not a fact of the ledger: a
-- scenario is a question finance staff keep to ask again, stored as the JSON of POST /api/what-if/credit. Running
-- one reads the event history and writes nothing anywhere.
CREATE TABLE what_if_scenario (
    name       VARCHAR(200)     NOT NULL PRIMARY KEY,
    body       VARCHAR(1048576) NOT NULL,
    saved_by   VARCHAR(64),
    saved_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
