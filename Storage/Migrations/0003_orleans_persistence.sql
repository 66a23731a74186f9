-- Orleans grain state (Microsoft.Orleans.Persistence.AdoNet), used by the "coworker" storage provider.
--
-- Grain identity as the provider sends it: the service id, the grain type string, and the grain key split
-- into two bigints (GUID or integer keys) plus a string (string keys, or the key extension). Coworker's
-- grains have string keys, so N0 = N1 = 0 and the whole key ("acme/support-bot") is in
-- GrainIdExtensionString. GrainIdHash and GrainTypeHash are computed by the provider (Orleans' stable hash
-- of the key bytes and of the type name) and are only an index prefix: rows are matched on every identity
-- column, so a hash collision can never mix two grains' state. The SQL never computes a hash itself.
--
-- Optimistic concurrency: Version is the state's etag. A write must present the version it read (NULL for
-- a grain that has never been stored) and gets version + 1 back; anything else (a stale etag, a second
-- activation racing the first insert) returns no new version and the provider raises
-- InconsistentStateException instead of overwriting someone else's state.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer     NOT NULL
);

-- One row per grain state, enforced by the database rather than by a check-then-insert that two racing
-- activations could both pass. NULLS NOT DISTINCT (PostgreSQL 15) makes a NULL extension string count
-- as a value, so integer/GUID keys without an extension are unique too.
CREATE UNIQUE INDEX UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- Writes a grain's state. Returns the new version, or NULL when the write lost (see above).
CREATE FUNCTION orleans_write_to_storage(
    p_grain_id_hash      integer,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type_hash    integer,
    p_grain_type         text,
    p_grain_id_extension text,
    p_service_id         text,
    p_expected_version   integer,
    p_payload            bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- First write of this grain: only one activation can create the row; the loser gets NULL.
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
             ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_grain_id_extension,
             p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO new_version;
    ELSE
        UPDATE OrleansStorage
           SET PayloadBinary = p_payload, ModifiedOn = now(), Version = Version + 1
         WHERE GrainIdHash = p_grain_id_hash
           AND GrainTypeHash = p_grain_type_hash
           AND ServiceId = p_service_id
           AND GrainTypeString = p_grain_type
           AND GrainIdN0 = p_grain_id_n0
           AND GrainIdN1 = p_grain_id_n1
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
           AND Version = p_expected_version
        RETURNING Version INTO new_version;
    END IF;
    RETURN new_version;
END
$fn$;

-- Result column NewGrainStateVersion is read by name. The provider sends no JSON/XML payload parameters
-- any more (10.x serialises to PayloadBinary only), so none are referenced.
SELECT orleans_define_query('WriteToStorageKey', $q$
    SELECT orleans_write_to_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$q$);

-- No row: the grain starts from its default state with no etag. A cleared row (PayloadBinary NULL) keeps
-- its version, so the next write still has to present it.
SELECT orleans_define_query('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$);

-- ClearStateAsync (default, DeleteStateOnClear = false): keep the row as a tombstone with a new version,
-- so an activation still holding the old etag cannot resurrect the state.
SELECT orleans_define_query('ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$);

-- ClearStateAsync with DeleteStateOnClear = true: remove the row under the same etag check. The provider
-- wants a value different from the etag it sent as proof of success, hence Version + 1.
SELECT orleans_define_query('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$);
