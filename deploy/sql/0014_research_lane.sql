-- The research lane's job index: one row per job, its progress while it runs, and where its results are once
-- they are complete. published_at is set only after every result object is written (summary.json last), so a
-- row with published_at is a result that can be read whole.
CREATE TABLE research_jobs
(
    job_id          text        NOT NULL,
    kind            text        NOT NULL,   -- sweep
    dataset         text        NOT NULL,
    base_scenario   text        NOT NULL,
    state           text        NOT NULL,   -- running, completed, failed
    trials          integer     NOT NULL,
    chunks_total    integer     NOT NULL,
    chunks_done     integer     NOT NULL DEFAULT 0,
    retries         integer     NOT NULL DEFAULT 0,
    error           text        NULL,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz NULL,
    result_location text        NULL,
    summary         jsonb       NULL,
    CONSTRAINT pk_research_jobs PRIMARY KEY (job_id),
    CONSTRAINT ck_research_jobs_state CHECK (state IN ('running', 'completed', 'failed'))
);
CREATE INDEX ix_research_jobs_submitted ON research_jobs (submitted_at DESC);
