-- Live paper-trading lane: the quote tape, quote samples, the decision journal and its fills.
-- These tables are also the read-only contract the shadow lane and parity checks consume.

-- Every accepted quote, appended in batches with COPY. Partitioned by exchange day so old days
-- are dropped or archived as a whole. At-least-once: after a silo crash a few quotes can be
-- written twice; readers deduplicate on (instrument_id, source, sequence).
CREATE TABLE quote_tape
(
    exchange_day         date        NOT NULL,
    instrument_id        text        NOT NULL,
    source               text        NOT NULL,
    sequence             bigint      NOT NULL,
    bid                  numeric     NOT NULL,
    ask                  numeric     NOT NULL,
    bid_size             bigint      NOT NULL,
    ask_size             bigint      NOT NULL,
    exchange_time_unix_ns bigint     NOT NULL,
    receive_time_unix_ns bigint      NOT NULL
) PARTITION BY RANGE (exchange_day);

-- Quotes sampled at a configured interval per instrument: the evidence operators and parity
-- diagnostics look at (much smaller than the tape).
CREATE TABLE quote_samples
(
    exchange_day         date        NOT NULL,
    instrument_id        text        NOT NULL,
    source               text        NOT NULL,
    sequence             bigint      NOT NULL,
    bid                  numeric     NOT NULL,
    ask                  numeric     NOT NULL,
    bid_size             bigint      NOT NULL,
    ask_size             bigint      NOT NULL,
    exchange_time_unix_ns bigint     NOT NULL,
    receive_time_unix_ns bigint      NOT NULL
) PARTITION BY RANGE (exchange_day);

-- Creates the day partitions of the two tables above; writers call it before the first row of a day.
CREATE FUNCTION aegis_ensure_quote_partitions(p_day date) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    suffix text := to_char(p_day, 'YYYYMMDD');
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_tape_%s PARTITION OF quote_tape FOR VALUES FROM (%L) TO (%L)',
                   suffix, p_day, p_day + 1);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_tape_%s_instrument ON quote_tape_%s (instrument_id, sequence)',
                   suffix, suffix);
    EXECUTE format('CREATE TABLE IF NOT EXISTS quote_samples_%s PARTITION OF quote_samples FOR VALUES FROM (%L) TO (%L)',
                   suffix, p_day, p_day + 1);
    EXECUTE format('CREATE INDEX IF NOT EXISTS quote_samples_%s_instrument ON quote_samples_%s (instrument_id, exchange_time_unix_ns)',
                   suffix, suffix);
END
$$;

-- One row per scenario decision that did something (intents, fills, rejections, status change),
-- numbered per scenario. Written before the decision is acknowledged; replayed over the last
-- state snapshot after a crash. The shadow lane compares its own decisions with these rows.
CREATE TABLE decision_journal
(
    scenario_id                 text        NOT NULL,
    decision_sequence           bigint      NOT NULL,
    instrument_id               text        NOT NULL,
    quote_sequence              bigint      NOT NULL,
    quote_exchange_time_unix_ns bigint      NOT NULL,
    status_after                text        NOT NULL,
    decision                    jsonb       NOT NULL,
    recorded_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_decision_journal PRIMARY KEY (scenario_id, decision_sequence)
);

-- Fills, one row each; the primary key makes a fill impossible to record twice.
CREATE TABLE scenario_fills
(
    scenario_id       text        NOT NULL,
    fill_id           text        NOT NULL,
    decision_sequence bigint      NOT NULL,
    client_order_id   text        NOT NULL,
    instrument_id     text        NOT NULL,
    side              text        NOT NULL,
    quantity          bigint      NOT NULL,
    price             numeric     NOT NULL,
    commission        numeric     NOT NULL,
    multiplier        numeric     NOT NULL,
    fill_time_unix_ns bigint      NOT NULL,
    quote_sequence    bigint      NOT NULL,
    CONSTRAINT pk_scenario_fills PRIMARY KEY (scenario_id, fill_id),
    CONSTRAINT fk_scenario_fills_decision FOREIGN KEY (scenario_id, decision_sequence)
        REFERENCES decision_journal (scenario_id, decision_sequence)
);
