-- Grain state (Orleans.Persistence.AdoNet). The provider identifies a grain by @ServiceId, @GrainTypeString,
-- @GrainIdN0, @GrainIdN1 and @GrainIdExtensionString (the string key; null for integer and Guid keys), passes
-- two hashes we keep only as facts, and an etag @GrainStateVersion (null: never read from storage). Writes
-- answer NewGrainStateVersion; an answer equal to the etag it sent, or none, is a conflict to Orleans.
-- A null key extension is stored as '' so one unique index identifies a grain and an insert race has one winner.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id varchar(150) NOT NULL,
    grain_type varchar(512) NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_id_extension varchar(512) NOT NULL,
    grain_id_hash integer NOT NULL,
    grain_type_hash integer NOT NULL,
    payload bytea NULL,
    version integer NOT NULL,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, now() AS ReadAt, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString::text, '')
$q$),
-- An etag: update that version only. No etag: insert only where no row exists (a second activation loses).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion::integer IS NOT NULL
      AND service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = coalesce(@GrainIdExtensionString::text, '') AND version = @GrainStateVersion::integer
    RETURNING version),
created AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, payload, version, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString::text, ''), @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension) DO NOTHING
    RETURNING version)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM created), @GrainStateVersion::integer) AS NewGrainStateVersion
$q$),
('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString::text, '') AND version = @GrainStateVersion::integer
RETURNING version AS NewGrainStateVersion
$q$),
('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString::text, '') AND version = @GrainStateVersion::integer
RETURNING version + 1 AS NewGrainStateVersion
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
