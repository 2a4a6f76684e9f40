-- The shadow lane: its own tables, the live contracts it reads, and a role that can read those
-- contracts and write nothing but its own rows.

-- Live contract: every scenario's spec as it was created, so the shadow builds the same scenario.
CREATE TABLE scenario_specs
(
    scenario_id text        NOT NULL,
    spec_text   text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_scenario_specs PRIMARY KEY (scenario_id)
);

-- Every silo's build (informational version with the commit) when it starts. address is the silo's
-- address:port@generation, as Orleans' membership table has it, so a report can tell which are active.
CREATE TABLE silo_builds
(
    cluster_id text        NOT NULL,
    address    text        NOT NULL,
    lane       text        NOT NULL,
    silo_name  text        NOT NULL,
    build      text        NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_silo_builds PRIMARY KEY (cluster_id, address)
);

-- What the shadow twins decided, numbered as the live journal numbers its decisions.
CREATE TABLE shadow_decision_journal
(
    scenario_id       text        NOT NULL,
    decision_sequence bigint      NOT NULL,
    input_sequence    bigint      NOT NULL,
    decision          jsonb       NOT NULL,
    build             text        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_shadow_decision_journal PRIMARY KEY (scenario_id, decision_sequence)
);

-- One parity report per scenario: the shadow's decisions against the live journal.
CREATE TABLE shadow_parity
(
    scenario_id            text        NOT NULL,
    live_build             text        NOT NULL,
    shadow_build           text        NOT NULL,
    compared               bigint      NOT NULL,
    matched                bigint      NOT NULL,
    divergences            bigint      NOT NULL,
    through_input          bigint      NOT NULL, -- every decision on inputs up to this one is compared
    last_compared          bigint      NOT NULL, -- decision sequence
    first_divergence       bigint      NULL,     -- decision sequence
    first_divergence_input bigint      NULL,
    first_live             text        NULL,
    first_shadow           text        NULL,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_shadow_parity PRIMARY KEY (scenario_id)
);

-- Every decision at which the two lanes differ, both sides side by side.
CREATE TABLE shadow_divergences
(
    scenario_id       text        NOT NULL,
    decision_sequence bigint      NOT NULL,
    input_sequence    bigint      NOT NULL,
    live              text        NOT NULL,
    shadow            text        NOT NULL,
    live_build        text        NOT NULL,
    shadow_build      text        NOT NULL,
    detected_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_shadow_divergences PRIMARY KEY (scenario_id, decision_sequence)
);

-- Alerts for a human, from any lane; the operations lane delivers them. This row is the contract.
CREATE TABLE alerts
(
    alert_id        bigint GENERATED ALWAYS AS IDENTITY,
    raised_at       timestamptz NOT NULL DEFAULT now(),
    lane            text        NOT NULL,
    source          text        NOT NULL,   -- e.g. parity, validator
    subject         text        NOT NULL,   -- e.g. the scenario
    severity        text        NOT NULL,   -- warning, critical
    message         text        NOT NULL,
    acknowledged_at timestamptz NULL,
    CONSTRAINT pk_alerts PRIMARY KEY (alert_id),
    CONSTRAINT ck_alerts_severity CHECK (severity IN ('warning', 'critical'))
);
CREATE INDEX ix_alerts_open ON alerts (raised_at) WHERE acknowledged_at IS NULL;

-- The shadow role. Roles belong to the server, not the database: create it once, grant per database.
-- It has no password here; whoever deploys sets one (the embedded default does it on start).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_shadow') THEN
        CREATE ROLE aegis_shadow LOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database's migration created it at the same moment
END
$$;

GRANT SELECT ON aegis_schema_migrations, orleansquery TO aegis_shadow;
-- The live lane's read-only contracts.
GRANT SELECT ON quote_tape_blocks, scenario_inputs, decision_journal, scenario_specs, silo_builds TO aegis_shadow;
-- The shadow's own tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON shadow_decision_journal, shadow_parity, shadow_divergences TO aegis_shadow;
GRANT INSERT ON silo_builds TO aegis_shadow;
GRANT SELECT, INSERT ON alerts TO aegis_shadow;

-- Orleans' tables hold every cluster's rows, keyed by cluster (deploymentid) or service id. The shadow
-- role sees and writes only the shadow's: ids that start with 'aegis-shadow'. The tables' owner (the
-- live lane) is not subject to these policies.
GRANT SELECT, INSERT, UPDATE, DELETE ON orleansmembershipversiontable, orleansmembershiptable,
    orleansstorage, orleansreminderstable TO aegis_shadow;
ALTER TABLE orleansmembershipversiontable ENABLE ROW LEVEL SECURITY;
ALTER TABLE orleansmembershiptable ENABLE ROW LEVEL SECURITY;
ALTER TABLE orleansstorage ENABLE ROW LEVEL SECURITY;
ALTER TABLE orleansreminderstable ENABLE ROW LEVEL SECURITY;
CREATE POLICY shadow_membership_version ON orleansmembershipversiontable TO aegis_shadow
    USING (deploymentid LIKE 'aegis-shadow%') WITH CHECK (deploymentid LIKE 'aegis-shadow%');
CREATE POLICY shadow_membership ON orleansmembershiptable TO aegis_shadow
    USING (deploymentid LIKE 'aegis-shadow%') WITH CHECK (deploymentid LIKE 'aegis-shadow%');
-- It may see which live silos are active (for its status report), never change them.
CREATE POLICY shadow_membership_read ON orleansmembershiptable FOR SELECT TO aegis_shadow USING (true);
CREATE POLICY shadow_storage ON orleansstorage TO aegis_shadow
    USING (serviceid LIKE 'aegis-shadow%') WITH CHECK (serviceid LIKE 'aegis-shadow%');
CREATE POLICY shadow_reminders ON orleansreminderstable TO aegis_shadow
    USING (serviceid LIKE 'aegis-shadow%') WITH CHECK (serviceid LIKE 'aegis-shadow%');
