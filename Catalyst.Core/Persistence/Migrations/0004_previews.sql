-- One preview per task, with what is needed to find it again after a restart (the runtime's id, its port,
-- network and image), its URLs, and its lifecycle: status is what should be (deploying, running, failed,
-- deleted, expired), health what the monitor last saw (healthy, unhealthy, unreachable).
ALTER TABLE preview_deployments
    ADD COLUMN mode            varchar(20) NOT NULL DEFAULT 'process',
    ADD COLUMN stack           varchar(20),
    ADD COLUMN name            varchar(100),
    ADD COLUMN port            integer,
    ADD COLUMN direct_url      varchar(512),
    ADD COLUMN clean_url       varchar(512),
    ADD COLUMN network         varchar(128),
    ADD COLUMN image           varchar(256),
    ADD COLUMN commit_sha      varchar(40),
    ADD COLUMN health          varchar(20),
    ADD COLUMN health_detail   text,
    ADD COLUMN failure_reason  text,
    ADD COLUMN updated_at      timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN stopped_at      timestamptz;
DROP INDEX idx_preview_deployments_task;
CREATE UNIQUE INDEX ux_preview_deployments_task ON preview_deployments (task_id);
CREATE INDEX idx_preview_deployments_status ON preview_deployments (status);

-- The port pool: a row holds a port for one task. Deployments lease under an advisory lock, so concurrent
-- deployers (threads, replicas, restarts) never get the same port.
CREATE TABLE preview_port_leases (
    port       integer PRIMARY KEY,
    task_id    uuid NOT NULL UNIQUE REFERENCES tasks (id),
    leased_at  timestamptz NOT NULL DEFAULT now()
);
