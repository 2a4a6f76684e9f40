-- The shadow lane's validator and scan cycle: verdicts of named invariant rules, and periodic snapshot rows
-- per scenario and per feed for the dashboard and later analysis.

-- One row per rule per run: passed or not, how many subjects were checked, and the failures in words.
CREATE TABLE validator_verdicts
(
    verdict_id bigint      GENERATED ALWAYS AS IDENTITY,
    run_id     uuid        NOT NULL,
    checked_at timestamptz NOT NULL DEFAULT now(),
    rule       text        NOT NULL,
    passed     boolean     NOT NULL,
    checked    bigint      NOT NULL,
    failures   bigint      NOT NULL,
    detail     text        NOT NULL,
    build      text        NOT NULL,
    CONSTRAINT pk_validator_verdicts PRIMARY KEY (verdict_id)
);
CREATE INDEX ix_validator_verdicts_rule ON validator_verdicts (rule, checked_at DESC);

-- Per scan, one row per scenario as its shadow twin holds it (the live book, when parity holds).
CREATE TABLE scan_scenarios
(
    scan_id        uuid        NOT NULL,
    taken_at       timestamptz NOT NULL,
    scenario_id    text        NOT NULL,
    status         text        NOT NULL,
    positions      jsonb       NOT NULL,   -- {"SPY": 100, ...}
    cash           numeric     NOT NULL,
    equity         numeric     NOT NULL,
    realized_pnl   numeric     NOT NULL,
    unrealized_pnl numeric     NOT NULL,
    decisions      bigint      NOT NULL,
    lag_inputs     bigint      NOT NULL,   -- live inputs the shadow has not taken yet
    lag_seconds    double precision NOT NULL,
    CONSTRAINT pk_scan_scenarios PRIMARY KEY (scan_id, scenario_id)
);
CREATE INDEX ix_scan_scenarios_time ON scan_scenarios (scenario_id, taken_at DESC);

-- Per scan, one row per quote stream of the tape's latest day: its last quote and how stale it is.
CREATE TABLE scan_feeds
(
    scan_id                    uuid        NOT NULL,
    taken_at                   timestamptz NOT NULL,
    instrument_id              text        NOT NULL,
    source                     text        NOT NULL,
    last_sequence              bigint      NOT NULL,
    bid                        numeric     NOT NULL,
    ask                        numeric     NOT NULL,
    last_exchange_time_unix_ns bigint      NOT NULL,
    last_receive_time_unix_ns  bigint      NOT NULL,
    staleness_seconds          double precision NOT NULL,   -- scan time minus the last receive time
    CONSTRAINT pk_scan_feeds PRIMARY KEY (scan_id, instrument_id, source)
);
CREATE INDEX ix_scan_feeds_time ON scan_feeds (instrument_id, taken_at DESC);

GRANT SELECT ON scenario_fills TO aegis_shadow;
GRANT SELECT, INSERT ON validator_verdicts, scan_scenarios, scan_feeds TO aegis_shadow;
