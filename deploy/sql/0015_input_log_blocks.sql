-- The input log in blocks: one row per scenario and journal commit instead of one row per input.
--
-- A scenario fed single-quote deliveries logs one input per quote. As one row each, at 10,000 quotes/s
-- with five scenarios per instrument, that was 50,000 rows/s, three WAL records and two index entries
-- apiece: the largest share of the server's CPU. A block holds the inputs of one append, in order, as
-- parallel arrays; element k of every array is input first_input_sequence + k.
--
-- Blocks of a scenario tile its log without gaps or overlaps: each starts right after the last one,
-- which is what a writer resuming from the log's end does. The writer checks a block that meets an
-- existing one at its first or last input element by element: the same inputs (a retry after an
-- unknown commit outcome) are accepted, anything else is a divergence, as before.
CREATE TABLE scenario_input_blocks
(
    scenario_id          text       NOT NULL,
    first_input_sequence bigint     NOT NULL,
    last_input_sequence  bigint     NOT NULL,
    kinds                smallint[] NOT NULL, -- 0 quotes, 1 timer, 2 command
    event_times_unix_ns  bigint[]   NOT NULL,
    sources              text[]     NOT NULL, -- quotes: the quote source; '' otherwise
    instrument_ids       text[]     NOT NULL, -- quotes: the instrument; '' otherwise
    first_sequences      bigint[]   NOT NULL,
    last_sequences       bigint[]   NOT NULL,
    quote_counts         integer[]  NOT NULL,
    commands             text[]     NOT NULL, -- commands: create, pause, resume, halt, retire; null elements otherwise
    reasons              text[]     NOT NULL,
    merged_with          bigint[]   NOT NULL, -- the first input of a merged group; null elements otherwise
    CONSTRAINT pk_scenario_input_blocks PRIMARY KEY (scenario_id, first_input_sequence),
    CONSTRAINT uq_scenario_input_blocks_last UNIQUE (scenario_id, last_input_sequence),
    CONSTRAINT ck_scenario_input_blocks_length CHECK (
        first_input_sequence >= 1 AND last_input_sequence >= first_input_sequence
        AND cardinality(kinds) = last_input_sequence - first_input_sequence + 1
        AND cardinality(event_times_unix_ns) = cardinality(kinds) AND cardinality(sources) = cardinality(kinds)
        AND cardinality(instrument_ids) = cardinality(kinds) AND cardinality(first_sequences) = cardinality(kinds)
        AND cardinality(last_sequences) = cardinality(kinds) AND cardinality(quote_counts) = cardinality(kinds)
        AND cardinality(commands) = cardinality(kinds) AND cardinality(reasons) = cardinality(kinds)
        AND cardinality(merged_with) = cardinality(kinds))
) WITH (autovacuum_vacuum_insert_threshold = -1, autovacuum_analyze_scale_factor = 0.2);

ALTER TABLE scenario_input_blocks
    ALTER COLUMN kinds SET COMPRESSION lz4, ALTER COLUMN event_times_unix_ns SET COMPRESSION lz4,
    ALTER COLUMN sources SET COMPRESSION lz4, ALTER COLUMN instrument_ids SET COMPRESSION lz4,
    ALTER COLUMN first_sequences SET COMPRESSION lz4, ALTER COLUMN last_sequences SET COMPRESSION lz4,
    ALTER COLUMN quote_counts SET COMPRESSION lz4, ALTER COLUMN commands SET COMPRESSION lz4,
    ALTER COLUMN reasons SET COMPRESSION lz4, ALTER COLUMN merged_with SET COMPRESSION lz4;

-- Existing logs move over in blocks of up to 1,000 inputs (they are gapless: the old table's key made them so).
INSERT INTO scenario_input_blocks
SELECT scenario_id, min(input_sequence), max(input_sequence),
       array_agg(kind ORDER BY input_sequence), array_agg(event_time_unix_ns ORDER BY input_sequence),
       array_agg(source ORDER BY input_sequence), array_agg(instrument_id ORDER BY input_sequence),
       array_agg(first_sequence ORDER BY input_sequence), array_agg(last_sequence ORDER BY input_sequence),
       array_agg(quote_count ORDER BY input_sequence), array_agg(command ORDER BY input_sequence),
       array_agg(reason ORDER BY input_sequence), array_agg(merged_with ORDER BY input_sequence)
FROM scenario_inputs
GROUP BY scenario_id, (input_sequence - 1) / 1000;

DROP TABLE scenario_inputs;

-- The log one input per row, as before, for readers that want rows (ad hoc queries, the validator).
-- Readers of a range of one scenario's log filter the blocks on last_input_sequence first.
CREATE VIEW scenario_inputs AS
SELECT b.scenario_id,
       b.first_input_sequence + i.n - 1 AS input_sequence,
       i.kind, i.event_time_unix_ns, i.source, i.instrument_id, i.first_sequence, i.last_sequence,
       i.quote_count, i.command, i.reason, i.merged_with
FROM scenario_input_blocks b
CROSS JOIN LATERAL unnest(b.kinds, b.event_times_unix_ns, b.sources, b.instrument_ids, b.first_sequences,
                          b.last_sequences, b.quote_counts, b.commands, b.reasons, b.merged_with)
    WITH ORDINALITY AS i(kind, event_time_unix_ns, source, instrument_id, first_sequence, last_sequence,
                         quote_count, command, reason, merged_with, n);

GRANT SELECT ON scenario_input_blocks, scenario_inputs TO aegis_shadow;
