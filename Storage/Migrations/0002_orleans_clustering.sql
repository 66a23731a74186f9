-- Orleans cluster membership (Microsoft.Orleans.Clustering.AdoNet).
--
-- Silos agree on who is in the cluster through one table per cluster id ("DeploymentId" in the provider's
-- vocabulary). Every change a silo makes (joining, declaring a peer dead, voting a suspicion) is a
-- conditional write against the table version it last read: the write succeeds only if nobody else
-- changed the membership in between, and then bumps the version. That single counter is the etag of the
-- whole table; the provider turns a "false" into "re-read and try again". Heartbeats (IAmAliveTime) are
-- the one exception: they are best-effort liveness hints and never move the version.
--
-- Silo status codes (Orleans SiloStatus): 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.

CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId text        NOT NULL,
    Timestamp    timestamptz NOT NULL DEFAULT now(),
    Version      integer     NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation: (address, port, generation) identifies a silo process; a restarted silo
-- on the same endpoint has a new generation, so its old row stays (Dead) until cleanup removes it.
CREATE TABLE OrleansMembershipTable
(
    DeploymentId text        NOT NULL,
    Address      varchar(45) NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL DEFAULT 0,
    -- "silo,time|silo,time": who suspects this silo since when; the provider owns the format.
    SuspectTimes text        NULL,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,

    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Registers a silo, but only if the table is still at the version the silo read. Locking the version row
-- first (and only when it matches) serialises competing writers: a second writer blocks here, then sees
-- the bumped version and gets false. Because the check comes before any change, a false leaves nothing
-- behind, without relying on PL/pgSQL ASSERT (which a server may have disabled) or on exceptions.
CREATE FUNCTION orleans_insert_membership(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_silo_name        text,
    p_host_name        text,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id
       AND Version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT PK_OrleansMembershipTable DO NOTHING;
    IF NOT FOUND THEN
        -- This incarnation is already registered: nothing changed, so the version must not move either.
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN true;
END
$fn$;

-- Changes a silo's status and suspicion list under the same version check as the insert.
CREATE FUNCTION orleans_update_membership(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id
       AND Version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_i_am_alive_time
     WHERE DeploymentId = p_deployment_id
       AND Address = p_address
       AND Port = p_port
       AND Generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN true;
END
$fn$;

-- InsertMembershipVersionKey: creates the cluster's version row at version 0 the first time any silo of
-- the cluster starts. Result: one column, true when this call created it (the provider logs that).
SELECT orleans_define_query('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM created);
$q$);

SELECT orleans_define_query('InsertMembershipKey', $q$
    SELECT orleans_insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version);
$q$);

SELECT orleans_define_query('UpdateMembershipKey', $q$
    SELECT orleans_update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
$q$);

-- Heartbeat: deliberately outside the version protocol, so a heartbeat never invalidates a silo's pending
-- membership write and never fails.
SELECT orleans_define_query('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation;
$q$);

-- Reads return the version row joined to the member rows in one statement, so the rows and the etag the
-- provider gets belong to the same snapshot. The version row is always there (LEFT JOIN); a row with no
-- StartTime tells the provider "no member", and the provider reads the etag from the Version column.
SELECT orleans_define_query('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m
             ON m.DeploymentId = v.DeploymentId
            AND m.Address = @Address
            AND m.Port = @Port
            AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$q$);

SELECT orleans_define_query('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$q$);

-- Clients (Gateway, Studio) find silos here: active silos that accept client connections. @Status is
-- always 3 (Active).
SELECT orleans_define_query('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = @Status
       AND ProxyPort > 0;
$q$);

-- Removes a whole cluster's membership (tests and tooling; a running silo never calls it).
SELECT orleans_define_query('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$);

-- Defunct-silo cleanup, bulk form: Dead rows that neither started nor heartbeated since the cutoff
-- (@IAmAliveTime carries the cutoff). Orleans 10.4 only falls back to this when the per-row key below is
-- missing; it is still required at start.
SELECT orleans_define_query('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = 6
       AND IAmAliveTime < @IAmAliveTime
       AND StartTime < @IAmAliveTime;
$q$);

-- Defunct-silo cleanup, per-row form (preferred by Orleans 10.4): the provider reads the table, picks Dead
-- rows older than the cutoff and deletes each one only if it is still exactly what it read, so a row that
-- changed in the meantime (a late suspicion vote, a heartbeat) survives until the next pass.
SELECT orleans_define_query('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation
       AND Status = 6
       AND StartTime = @StartTime
       AND IAmAliveTime = @IAmAliveTime
       AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes;
$q$);
