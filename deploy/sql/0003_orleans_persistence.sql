-- Grain state (Microsoft.Orleans.Persistence.AdoNet). A row is one grain's state under one state
-- name for one ServiceId; version is the ETag. payloadbinary holds the System.Text.Json payload.
CREATE TABLE orleansstorage
(
    grainidhash            integer       NOT NULL,
    grainidn0              bigint        NOT NULL,
    grainidn1              bigint        NOT NULL,
    graintypehash          integer       NOT NULL,
    graintypestring        varchar(512)  NOT NULL,
    grainidextensionstring varchar(512)  NULL,
    serviceid              varchar(150)  NOT NULL,
    payloadbinary          bytea         NULL,
    modifiedon             timestamptz   NOT NULL,
    version                integer       NULL
);

-- Unique, so a second first-write for the same grain (only possible with a duplicate activation)
-- fails instead of leaving two rows; also the index every query below uses.
CREATE UNIQUE INDEX ux_orleansstorage_grain
    ON orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1, serviceid,
                       graintypestring, (coalesce(grainidextensionstring, '')));

-- Returns the new version on success and the caller's version (or NULL on a first write) when the
-- row was changed by someone else: Orleans turns that into InconsistentStateException.
CREATE FUNCTION aegis_write_grain_state(
    p_grainidhash integer, p_grainidn0 bigint, p_grainidn1 bigint, p_graintypehash integer,
    p_graintypestring varchar, p_grainidextensionstring varchar, p_serviceid varchar,
    p_version integer, p_payload bytea)
RETURNS TABLE (newgrainstateversion integer)
LANGUAGE plpgsql AS
$$
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                    grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        VALUES (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
                p_grainidextensionstring, p_serviceid, p_payload, now(), 1)
        ON CONFLICT DO NOTHING;
        RETURN QUERY SELECT CASE WHEN FOUND THEN 1 END;
    ELSE
        UPDATE orleansstorage
        SET payloadbinary = p_payload, modifiedon = now(), version = version + 1
        WHERE grainidhash = p_grainidhash AND graintypehash = p_graintypehash
          AND grainidn0 = p_grainidn0 AND grainidn1 = p_grainidn1
          AND serviceid = p_serviceid AND graintypestring = p_graintypestring
          AND coalesce(grainidextensionstring, '') = coalesce(p_grainidextensionstring, '')
          AND version = p_version;
        RETURN QUERY SELECT CASE WHEN FOUND THEN p_version + 1 ELSE p_version END;
    END IF;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey', '
    SELECT newgrainstateversion FROM aegis_write_grain_state(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
'),
('ReadFromStorageKey', '
    SELECT payloadbinary, now() AS readtime, version
    FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''');
'),
('ClearStorageKey', '
    UPDATE orleansstorage
    SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING version AS newgrainstateversion;
'),
('DeleteStorageKey', '
    DELETE FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING version + 1 AS newgrainstateversion;
');
