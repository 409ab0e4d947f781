-- An Explorer scan is a resource of its own (POST /api/explorer/scan answers with its id) that runs inside a task
-- of its own, so it shows in the task timeline: status is queued, running, completed or failed; error says why a
-- scan failed; options are what the caller asked for; build_requested marks "analyze X and build something
-- similar", whose task goes on to the Planner; score_explanation says how the two scores were computed.
ALTER TABLE explorer_scans
    ADD COLUMN status             varchar(20) NOT NULL DEFAULT 'queued',
    ADD COLUMN error              text,
    ADD COLUMN options            jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN task_id            uuid REFERENCES tasks (id),
    ADD COLUMN trace_id           uuid,
    ADD COLUMN build_requested    boolean NOT NULL DEFAULT false,
    ADD COLUMN measurements       jsonb,
    ADD COLUMN score_explanation  text,
    ADD COLUMN started_at         timestamptz,
    ADD COLUMN completed_at       timestamptz;
CREATE INDEX idx_explorer_scans_created ON explorer_scans (created_at DESC);
CREATE INDEX idx_explorer_scans_task ON explorer_scans (task_id);
