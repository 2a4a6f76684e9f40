-- The tape keeps one index per day partition: (instrument_id, source, last_sequence). Every reader finds
-- blocks by stream and sequence (replays, catch-up, the journal's tape-first check, the validator); the
-- older (instrument_id, first_sequence) index served none of them and cost an index entry per block, at
-- up to 10,000 blocks/s when every publish waits for its quotes to be durable.
CREATE OR REPLACE FUNCTION aegis_ensure_quote_partitions(p_day date) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    suffix text := to_char(p_day, 'YYYYMMDD');
    append_only text := 'autovacuum_vacuum_insert_threshold = -1, autovacuum_analyze_scale_factor = 1.0, autovacuum_analyze_threshold = 100000';
BEGIN
    IF to_regclass(format('quote_tape_blocks_%s', suffix)) IS NULL THEN
        EXECUTE format('CREATE TABLE quote_tape_blocks_%s PARTITION OF quote_tape_blocks FOR VALUES FROM (%L) TO (%L) WITH (%s)',
                       suffix, p_day, p_day + 1, append_only);
        EXECUTE format('ALTER TABLE quote_tape_blocks_%s ' ||
                       'ALTER COLUMN sequences SET COMPRESSION lz4, ALTER COLUMN bids SET COMPRESSION lz4, ' ||
                       'ALTER COLUMN asks SET COMPRESSION lz4, ALTER COLUMN bid_sizes SET COMPRESSION lz4, ' ||
                       'ALTER COLUMN ask_sizes SET COMPRESSION lz4, ALTER COLUMN exchange_times_unix_ns SET COMPRESSION lz4, ' ||
                       'ALTER COLUMN receive_times_unix_ns SET COMPRESSION lz4', suffix);
    END IF;
    EXECUTE format('ALTER TABLE quote_tape_blocks_%s SET (%s)', suffix, append_only);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_tape_blocks_%s_stream ON quote_tape_blocks_%s (instrument_id, source, last_sequence)',
                   suffix, suffix);
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_samples_%s PARTITION OF quote_samples FOR VALUES FROM (%L) TO (%L) WITH (%s)',
                   suffix, p_day, p_day + 1, append_only);
    EXECUTE format('ALTER TABLE quote_samples_%s SET (%s)', suffix, append_only);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_samples_%s_instrument ON quote_samples_%s (instrument_id, exchange_time_unix_ns)',
                   suffix, suffix);
END
$$;

DO
$$
DECLARE
    part record;
BEGIN
    FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'quote_tape_blocks'::regclass
    LOOP
        EXECUTE format('DROP INDEX IF EXISTS %I', part.relname || '_instrument');
    END LOOP;
END
$$;
