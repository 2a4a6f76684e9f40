-- Durable reminders (Microsoft.Orleans.Reminders.AdoNet), keyed by ServiceId so each lane's
-- cluster only ever sees its own reminders.
CREATE TABLE orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    grainid      varchar(150)   NOT NULL,
    remindername varchar(150)   NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL,
    grainhash    integer        NOT NULL,
    version      integer        NOT NULL,
    CONSTRAINT pk_reminderstable_serviceid_grainid_remindername PRIMARY KEY (serviceid, grainid, remindername)
);

-- Range reads walk the consistent-hash ring by grainhash.
CREATE INDEX ix_orleansreminderstable_hash ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', '
    INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
        SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
            version = orleansreminderstable.version + 1
    RETURNING version;
'),
('ReadReminderRowsKey', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND @ServiceId IS NOT NULL
      AND grainid = @GrainId AND @GrainId IS NOT NULL;
'),
('ReadReminderRowKey', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND @ServiceId IS NOT NULL
      AND grainid = @GrainId AND @GrainId IS NOT NULL
      AND remindername = @ReminderName AND @ReminderName IS NOT NULL;
'),
('ReadRangeRows1Key', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND @ServiceId IS NOT NULL
      AND grainhash > @BeginHash AND @BeginHash IS NOT NULL
      AND grainhash <= @EndHash AND @EndHash IS NOT NULL;
'),
('ReadRangeRows2Key', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND @ServiceId IS NOT NULL
      AND ((grainhash > @BeginHash AND @BeginHash IS NOT NULL)
        OR (grainhash <= @EndHash AND @EndHash IS NOT NULL));
'),
('DeleteReminderRowKey', '
    WITH deleted AS (
        DELETE FROM orleansreminderstable
        WHERE serviceid = @ServiceId AND @ServiceId IS NOT NULL
          AND grainid = @GrainId AND @GrainId IS NOT NULL
          AND remindername = @ReminderName AND @ReminderName IS NOT NULL
          AND version = @Version AND @Version IS NOT NULL
        RETURNING 1)
    SELECT count(*)::integer AS row_count FROM deleted;
'),
('DeleteReminderRowsKey', '
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId AND @ServiceId IS NOT NULL;
');
