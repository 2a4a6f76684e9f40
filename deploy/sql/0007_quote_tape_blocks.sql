-- The quote tape as blocks: one row per feed batch (one instrument, one source, one exchange day)
-- with the quotes as parallel arrays. At 100k+ quotes/s a row and an index entry per quote cost the
-- database more CPU than the whole live lane; a block per batch costs it a few hundred rows a second.
-- The view `quote_tape` keeps the one-row-per-quote shape for readers.
CREATE TABLE quote_tape_blocks
(
    exchange_day           date     NOT NULL,
    instrument_id          text     NOT NULL,
    source                 text     NOT NULL,
    first_sequence         bigint   NOT NULL,
    last_sequence          bigint   NOT NULL,
    sequences              bigint[]  NOT NULL,
    bids                   numeric[] NOT NULL,
    asks                   numeric[] NOT NULL,
    bid_sizes              bigint[]  NOT NULL,
    ask_sizes              bigint[]  NOT NULL,
    exchange_times_unix_ns bigint[]  NOT NULL,
    receive_times_unix_ns  bigint[]  NOT NULL
) PARTITION BY RANGE (exchange_day);

-- Rows already written one per quote stay readable through the view.
ALTER TABLE quote_tape RENAME TO quote_tape_rows;

CREATE VIEW quote_tape AS
    SELECT b.exchange_day, b.instrument_id, b.source, q.sequence, q.bid, q.ask, q.bid_size, q.ask_size,
           q.exchange_time_unix_ns, q.receive_time_unix_ns
    FROM quote_tape_blocks b
    CROSS JOIN LATERAL unnest(b.sequences, b.bids, b.asks, b.bid_sizes, b.ask_sizes, b.exchange_times_unix_ns, b.receive_times_unix_ns)
        AS q(sequence, bid, ask, bid_size, ask_size, exchange_time_unix_ns, receive_time_unix_ns)
    UNION ALL
    SELECT exchange_day, instrument_id, source, sequence, bid, ask, bid_size, ask_size, exchange_time_unix_ns, receive_time_unix_ns
    FROM quote_tape_rows;

CREATE OR REPLACE FUNCTION aegis_ensure_quote_partitions(p_day date) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    suffix text := to_char(p_day, 'YYYYMMDD');
    append_only text := 'autovacuum_vacuum_insert_threshold = -1, autovacuum_analyze_scale_factor = 1.0, autovacuum_analyze_threshold = 100000';
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_tape_blocks_%s PARTITION OF quote_tape_blocks FOR VALUES FROM (%L) TO (%L)',
                   suffix, p_day, p_day + 1);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_tape_blocks_%s_instrument ON quote_tape_blocks_%s (instrument_id, first_sequence)',
                   suffix, suffix);
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_samples_%s PARTITION OF quote_samples FOR VALUES FROM (%L) TO (%L) WITH (%s)',
                   suffix, p_day, p_day + 1, append_only);
    EXECUTE format('ALTER TABLE quote_samples_%s SET (%s)', suffix, append_only);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_samples_%s_instrument ON quote_samples_%s (instrument_id, exchange_time_unix_ns)',
                   suffix, suffix);
END
$$;
