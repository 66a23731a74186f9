-- Orleans durable reminders (Microsoft.Orleans.Reminders.AdoNet).
--
-- The reminder service splits the grain-hash ring among the silos; each silo periodically reads the
-- reminders whose GrainHash falls in its share and fires them. When a silo dies, the ring is re-divided
-- and a survivor reads the dead silo's range, so reminders keep firing. GrainHash is the grain id's
-- uniform hash as the provider computes it (an unsigned 32-bit value stored as a signed integer); ranges
-- are compared in that same signed order.
--
-- Version is each reminder's etag: an upsert bumps it and a delete must present the current one.
CREATE TABLE OrleansRemindersTable
(
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    StartTime    timestamptz NOT NULL,
    -- Milliseconds. The provider sends an int for periods below ~24.8 days and a bigint above.
    Period       bigint      NOT NULL,
    GrainHash    integer     NOT NULL,
    Version      integer     NOT NULL,

    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Range reads (every silo, every refresh period) filter on the service and a hash interval.
CREATE INDEX IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

-- Registers or re-registers a reminder; returns the new etag in column Version.
SELECT orleans_define_query('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT ON CONSTRAINT PK_OrleansRemindersTable DO UPDATE
       SET StartTime = EXCLUDED.StartTime,
           Period = EXCLUDED.Period,
           GrainHash = EXCLUDED.GrainHash,
           Version = r.Version + 1
    RETURNING r.Version;
$q$);

-- Every reminder of one grain.
SELECT orleans_define_query('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId;
$q$);

-- One reminder, or no row.
SELECT orleans_define_query('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName;
$q$);

-- A silo's share of the ring, (BeginHash, EndHash]. The provider uses this form when BeginHash < EndHash
-- as signed integers...
SELECT orleans_define_query('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash > @BeginHash
       AND GrainHash <= @EndHash;
$q$);

-- ...and this one when the range wraps around the end of the ring (including BeginHash = EndHash, the
-- whole ring owned by a single silo).
SELECT orleans_define_query('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$);

-- Unregisters a reminder if the caller holds its current etag. Result: one column, true if deleted.
SELECT orleans_define_query('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
         WHERE ServiceId = @ServiceId
           AND GrainId = @GrainId
           AND ReminderName = @ReminderName
           AND Version = @Version
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM deleted);
$q$);

-- Every reminder of the service (tests and tooling).
SELECT orleans_define_query('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$);
