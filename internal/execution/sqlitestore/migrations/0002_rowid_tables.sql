-- Executions and traces become ordinary (rowid) tables. A WITHOUT ROWID
-- table keeps each row inside its primary-key b-tree, where a row larger
-- than about a quarter of a page (an execution's document is 1-2 KB, a
-- trace's grows with its components) spills into overflow pages that every
-- status change rewrites; a rowid table keeps rows up to almost a page in
-- its leaves, and the id is found through the primary key's own small
-- index. Trigger instances, enforcements and inquiries, whose documents
-- are smaller, stay WITHOUT ROWID (one b-tree fewer to write); they are
-- rebuilt all the same, so every table has the same NOT NULL id. Same
-- columns, same indexes.

CREATE TABLE executions_v2 (
    id           TEXT NOT NULL PRIMARY KEY,
    action       TEXT NOT NULL,
    status       TEXT NOT NULL,
    rule         TEXT NOT NULL DEFAULT '',
    trigger_type TEXT NOT NULL DEFAULT '',
    parent       TEXT NOT NULL DEFAULT '',
    start_ts     INTEGER NOT NULL,
    end_ts       INTEGER NOT NULL DEFAULT 0,
    doc          TEXT NOT NULL
);
INSERT INTO executions_v2 (id, action, status, rule, trigger_type, parent, start_ts, end_ts, doc)
    SELECT id, action, status, rule, trigger_type, parent, start_ts, end_ts, doc FROM executions ORDER BY start_ts, id;
DROP TABLE executions;
ALTER TABLE executions_v2 RENAME TO executions;
CREATE INDEX executions_by_time ON executions (start_ts, id);
CREATE INDEX executions_by_action ON executions (action, start_ts, id);
CREATE INDEX executions_by_status ON executions (status, start_ts, id);
CREATE INDEX executions_by_rule ON executions (rule, start_ts, id) WHERE rule <> '';
CREATE INDEX executions_by_trigger_type ON executions (trigger_type, start_ts, id) WHERE trigger_type <> '';
CREATE INDEX executions_by_parent ON executions (parent, start_ts, id) WHERE parent <> '';

CREATE TABLE trigger_instances_v2 (
    id       TEXT NOT NULL PRIMARY KEY,
    trigger  TEXT NOT NULL,
    status   TEXT NOT NULL,
    occurred INTEGER NOT NULL,
    doc      TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO trigger_instances_v2 (id, trigger, status, occurred, doc)
    SELECT id, trigger, status, occurred, doc FROM trigger_instances ORDER BY occurred, id;
DROP TABLE trigger_instances;
ALTER TABLE trigger_instances_v2 RENAME TO trigger_instances;
CREATE INDEX trigger_instances_by_time ON trigger_instances (occurred, id);
CREATE INDEX trigger_instances_by_trigger ON trigger_instances (trigger, occurred, id);
CREATE INDEX trigger_instances_by_status ON trigger_instances (status, occurred, id);

CREATE TABLE enforcements_v2 (
    id                  TEXT NOT NULL PRIMARY KEY,
    rule                TEXT NOT NULL,
    trigger_instance_id TEXT NOT NULL,
    execution_id        TEXT NOT NULL,
    enforced            INTEGER NOT NULL,
    doc                 TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO enforcements_v2 (id, rule, trigger_instance_id, execution_id, enforced, doc)
    SELECT id, rule, trigger_instance_id, execution_id, enforced, doc FROM enforcements ORDER BY enforced, id;
DROP TABLE enforcements;
ALTER TABLE enforcements_v2 RENAME TO enforcements;
CREATE INDEX enforcements_by_time ON enforcements (enforced, id);
CREATE INDEX enforcements_by_rule ON enforcements (rule, enforced, id);
CREATE INDEX enforcements_by_trigger_instance ON enforcements (trigger_instance_id);
CREATE INDEX enforcements_by_execution ON enforcements (execution_id) WHERE execution_id <> '';

CREATE TABLE traces_v2 (
    id        TEXT NOT NULL PRIMARY KEY,
    trace_tag TEXT NOT NULL,
    start_ts  INTEGER NOT NULL,
    doc       TEXT NOT NULL
);
INSERT INTO traces_v2 (id, trace_tag, start_ts, doc)
    SELECT id, trace_tag, start_ts, doc FROM traces ORDER BY start_ts, id;
DROP TABLE traces;
ALTER TABLE traces_v2 RENAME TO traces;
CREATE INDEX traces_by_time ON traces (start_ts, id);
CREATE INDEX traces_by_tag ON traces (trace_tag, start_ts, id);

CREATE TABLE inquiries_v2 (
    id      TEXT NOT NULL PRIMARY KEY,
    status  TEXT NOT NULL,
    created INTEGER NOT NULL,
    doc     TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO inquiries_v2 (id, status, created, doc)
    SELECT id, status, created, doc FROM inquiries ORDER BY created, id;
DROP TABLE inquiries;
ALTER TABLE inquiries_v2 RENAME TO inquiries;
CREATE INDEX inquiries_by_time ON inquiries (created, id);
CREATE INDEX inquiries_by_status ON inquiries (status, created, id);
