-- Exact replay: each scenario's input log, and the decision journal linked to it.
--
-- A scenario's decisions are a function of its spec and the exact order of its inputs. This table
-- records that order: one row per run of quotes of one (source, instrument) the scenario processed
-- (the quotes themselves are in the tape; the row names their sequence range), per strategy timer
-- and per operator command. Rows are written in the same transaction as the decisions they caused,
-- never after them. Recovery, `aegis scenarios replay`, the shadow lane and backtests of a recorded
-- day replay this log through the same engine and compare with decision_journal.
CREATE TABLE scenario_inputs
(
    scenario_id        text     NOT NULL,
    input_sequence     bigint   NOT NULL,
    kind               smallint NOT NULL,  -- 0 quotes, 1 timer, 2 command
    event_time_unix_ns bigint   NOT NULL,
    source             text     NOT NULL,  -- quotes: the quote source; '' otherwise
    instrument_id      text     NOT NULL,  -- quotes: the instrument; '' otherwise
    first_sequence     bigint   NOT NULL,
    last_sequence      bigint   NOT NULL,
    quote_count        integer  NOT NULL,
    command            text     NULL,      -- commands: create, pause, resume, halt, retire
    reason             text     NULL,
    CONSTRAINT pk_scenario_inputs PRIMARY KEY (scenario_id, input_sequence),
    CONSTRAINT ck_scenario_inputs_kind CHECK (kind IN (0, 1, 2))
) WITH (autovacuum_vacuum_insert_threshold = -1, autovacuum_analyze_scale_factor = 0.2);

-- Which input caused each decision; null for decisions journaled before the input log existed.
ALTER TABLE decision_journal ADD COLUMN input_sequence bigint NULL;

-- Replays read the tape by stream (instrument, source) and sequence range, and the journal's
-- tape-first check asks how far a stream's tape is committed: both want this index.
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
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_tape_blocks_%s_instrument ON quote_tape_blocks_%s (instrument_id, first_sequence)',
                   suffix, suffix);
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
        EXECUTE format('CREATE INDEX IF NOT EXISTS %s_stream ON %I (instrument_id, source, last_sequence)', part.relname, part.relname);
    END LOOP;
END
$$;
