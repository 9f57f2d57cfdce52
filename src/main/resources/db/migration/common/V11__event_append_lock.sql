-- One row that every transaction appending events locks first (SELECT ... FOR UPDATE) and holds until it
-- commits or rolls back (system.SerialAppendStorageEngine). Appends are thus serialised across threads and
-- nodes: a position is handed out only after every earlier one is committed or rolled back for good, so a
-- reader never sees an event while an earlier position may still appear. A gap in the positions is then
-- always final (a rollback or a crash), and the processors never wait on gaps or track them.
CREATE TABLE event_append_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO event_append_lock (id) VALUES (1);
