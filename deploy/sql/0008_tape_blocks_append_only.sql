-- Tape block partitions are append-only too (0006 covered the row tape only; 0007 created block
-- partitions with default autovacuum settings, and at 10,000 quotes/s in small batches they grow by
-- thousands of rows a second: insert-triggered vacuums stalled commits for seconds again).
CREATE OR REPLACE FUNCTION aegis_ensure_quote_partitions(p_day date) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    suffix text := to_char(p_day, 'YYYYMMDD');
    append_only text := 'autovacuum_vacuum_insert_threshold = -1, autovacuum_analyze_scale_factor = 1.0, autovacuum_analyze_threshold = 100000';
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_tape_blocks_%s PARTITION OF quote_tape_blocks FOR VALUES FROM (%L) TO (%L) WITH (%s)',
                   suffix, p_day, p_day + 1, append_only);
    EXECUTE format('ALTER TABLE quote_tape_blocks_%s SET (%s)', suffix, append_only);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_tape_blocks_%s_instrument ON quote_tape_blocks_%s (instrument_id, first_sequence)',
                   suffix, suffix);
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_samples_%s PARTITION OF quote_samples FOR VALUES FROM (%L) TO (%L) WITH (%s)',
                   suffix, p_day, p_day + 1, append_only);
    EXECUTE format('ALTER TABLE quote_samples_%s SET (%s)', suffix, append_only);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_samples_%s_instrument ON quote_samples_%s (instrument_id, exchange_time_unix_ns)',
                   suffix, suffix);
END
$$;

-- Block partitions that 0007 already created.
DO $$
DECLARE
    partition regclass;
BEGIN
    FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'quote_tape_blocks'::regclass LOOP
        EXECUTE format('ALTER TABLE %s SET (autovacuum_vacuum_insert_threshold = -1, autovacuum_analyze_scale_factor = 1.0, autovacuum_analyze_threshold = 100000)', partition);
    END LOOP;
END
$$;
