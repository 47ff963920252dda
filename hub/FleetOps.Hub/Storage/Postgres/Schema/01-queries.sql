-- The table Orleans' ADO.NET providers read their SQL from at start ("SELECT QueryKey, QueryText FROM
-- OrleansQuery"): its name and both columns are fixed by the providers. Everything else in this schema is ours.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- What this hub last migrated the database to; the hub refuses to start on a database below its version.
CREATE TABLE IF NOT EXISTS fleetops_schema (
    id integer NOT NULL PRIMARY KEY CHECK (id = 1),
    version integer NOT NULL,
    orleans_version text NOT NULL,
    migrated_at timestamptz NOT NULL
);
