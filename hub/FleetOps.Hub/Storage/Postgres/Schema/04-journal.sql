-- The hub's journal history (Storage/PostgresJournalStore.cs). The primary key makes a redelivered event a
-- no-op, so a batch stored by a silo that died before it acked is stored once when the agent sends it again.
CREATE TABLE IF NOT EXISTS fleetops_journal (
    cluster_id text NOT NULL,
    seq bigint NOT NULL,
    at timestamptz NOT NULL,
    kind text NOT NULL,
    group_name text NULL,
    revision text NULL,
    detail text NULL,
    received_at timestamptz NULL,
    changes text NULL,
    PRIMARY KEY (cluster_id, seq)
);
-- Columns added after the first hubs that made this table themselves.
ALTER TABLE fleetops_journal ADD COLUMN IF NOT EXISTS received_at timestamptz NULL;
ALTER TABLE fleetops_journal ADD COLUMN IF NOT EXISTS changes text NULL;
CREATE INDEX IF NOT EXISTS fleetops_journal_at ON fleetops_journal (cluster_id, at);
-- fleetops events: one kind by time, or everything by time (Api/EventEndpoints.cs).
CREATE INDEX IF NOT EXISTS fleetops_journal_fleet_at ON fleetops_journal (at DESC, cluster_id, seq);
CREATE INDEX IF NOT EXISTS fleetops_journal_kind_at ON fleetops_journal (kind, at DESC);
