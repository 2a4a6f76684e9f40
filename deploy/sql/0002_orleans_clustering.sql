-- Cluster membership (Microsoft.Orleans.Clustering.AdoNet). DeploymentId is the ClusterId, so the
-- live, shadow and research clusters keep separate rows in the same tables.
CREATE TABLE orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    "timestamp"  timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable_deploymentid PRIMARY KEY (deploymentid)
);

CREATE TABLE orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_membershiptable_deploymentid PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_membershiptable_membershipversiontable_deploymentid
        FOREIGN KEY (deploymentid) REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Every membership change bumps the table version (optimistic concurrency for the whole
-- cluster view). The version row is bumped first and the member row is touched only if that
-- succeeded, all in one statement, so a stale writer changes nothing and reads back 0.
INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
    WITH inserted AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        SELECT @DeploymentId WHERE @DeploymentId IS NOT NULL
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer AS row_count FROM inserted;
'),
('InsertMembershipKey', '
    WITH bumped AS (
        UPDATE orleansmembershipversiontable
        SET "timestamp" = now(), version = version + 1
        WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
          AND version = @Version AND @Version IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable m
                          WHERE m.deploymentid = @DeploymentId AND m.address = @Address
                            AND m.port = @Port AND m.generation = @Generation)
        RETURNING 1),
    inserted AS (
        INSERT INTO orleansmembershiptable
            (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
        SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        WHERE EXISTS (SELECT 1 FROM bumped)
        ON CONFLICT (deploymentid, address, port, generation) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer AS row_count FROM inserted;
'),
('UpdateMembershipKey', '
    WITH bumped AS (
        UPDATE orleansmembershipversiontable
        SET "timestamp" = now(), version = version + 1
        WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
          AND version = @Version AND @Version IS NOT NULL
          AND EXISTS (SELECT 1 FROM orleansmembershiptable m
                      WHERE m.deploymentid = @DeploymentId AND m.address = @Address
                        AND m.port = @Port AND m.generation = @Generation)
        RETURNING 1),
    updated AS (
        UPDATE orleansmembershiptable
        SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
        WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port
          AND generation = @Generation AND EXISTS (SELECT 1 FROM bumped)
        RETURNING 1)
    SELECT count(*)::integer AS row_count FROM updated;
'),
('UpdateIAmAlivetimeKey', '
    UPDATE orleansmembershiptable
    SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
      AND address = @Address AND @Address IS NOT NULL
      AND port = @Port AND @Port IS NOT NULL
      AND generation = @Generation AND @Generation IS NOT NULL;
'),
('MembershipReadRowKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
           m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m
           ON m.deploymentid = v.deploymentid
          AND m.address = @Address AND @Address IS NOT NULL
          AND m.port = @Port AND @Port IS NOT NULL
          AND m.generation = @Generation AND @Generation IS NOT NULL
    WHERE v.deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('MembershipReadAllKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
           m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('GatewaysQueryKey', '
    SELECT address, proxyport, generation
    FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
      AND status = @Status AND @Status IS NOT NULL
      AND proxyport > 0;
'),
-- Status 3 is Active: only rows of silos that stopped renewing their lease and are not active go.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
      AND iamalivetime < @IAmAliveTime
      AND status <> 3;
');
