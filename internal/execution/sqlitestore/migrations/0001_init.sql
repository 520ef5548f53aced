-- The audit trail: each record is a JSON document (doc) beside the columns
-- its listings filter and order on. Times are Unix nanoseconds.

CREATE TABLE executions (
    id           TEXT PRIMARY KEY,
    action       TEXT NOT NULL,
    status       TEXT NOT NULL,
    rule         TEXT NOT NULL DEFAULT '',
    trigger_type TEXT NOT NULL DEFAULT '',
    parent       TEXT NOT NULL DEFAULT '',
    start_ts     INTEGER NOT NULL,
    end_ts       INTEGER NOT NULL DEFAULT 0,
    doc          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX executions_by_time ON executions (start_ts, id);
CREATE INDEX executions_by_action ON executions (action, start_ts, id);
CREATE INDEX executions_by_status ON executions (status, start_ts, id);
CREATE INDEX executions_by_rule ON executions (rule, start_ts, id) WHERE rule <> '';
CREATE INDEX executions_by_trigger_type ON executions (trigger_type, start_ts, id) WHERE trigger_type <> '';
CREATE INDEX executions_by_parent ON executions (parent, start_ts, id) WHERE parent <> '';

CREATE TABLE execution_output (
    execution_id TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    doc          TEXT NOT NULL,
    PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;

CREATE TABLE trigger_instances (
    id       TEXT PRIMARY KEY,
    trigger  TEXT NOT NULL,
    status   TEXT NOT NULL,
    occurred INTEGER NOT NULL,
    doc      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX trigger_instances_by_time ON trigger_instances (occurred, id);
CREATE INDEX trigger_instances_by_trigger ON trigger_instances (trigger, occurred, id);
CREATE INDEX trigger_instances_by_status ON trigger_instances (status, occurred, id);

CREATE TABLE enforcements (
    id                  TEXT PRIMARY KEY,
    rule                TEXT NOT NULL,
    trigger_instance_id TEXT NOT NULL,
    execution_id        TEXT NOT NULL,
    enforced            INTEGER NOT NULL,
    doc                 TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX enforcements_by_time ON enforcements (enforced, id);
CREATE INDEX enforcements_by_rule ON enforcements (rule, enforced, id);
CREATE INDEX enforcements_by_trigger_instance ON enforcements (trigger_instance_id);
CREATE INDEX enforcements_by_execution ON enforcements (execution_id) WHERE execution_id <> '';

CREATE TABLE traces (
    id        TEXT PRIMARY KEY,
    trace_tag TEXT NOT NULL,
    start_ts  INTEGER NOT NULL,
    doc       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX traces_by_time ON traces (start_ts, id);
CREATE INDEX traces_by_tag ON traces (trace_tag, start_ts, id);

CREATE TABLE inquiries (
    id      TEXT PRIMARY KEY,
    status  TEXT NOT NULL,
    created INTEGER NOT NULL,
    doc     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX inquiries_by_time ON inquiries (created, id);
CREATE INDEX inquiries_by_status ON inquiries (status, created, id);
