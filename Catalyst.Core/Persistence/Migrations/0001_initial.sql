-- Catalyst schema v1: the specification's tables (section 3.2), the document tables it kept in MongoDB
-- (as JSONB here), and the messaging tables (outbox, inbox). Timestamps are timestamptz: every value is UTC.

CREATE TABLE projects (
    id           uuid PRIMARY KEY,
    name         varchar(255) NOT NULL,
    slug         varchar(100) NOT NULL,
    description  text,
    repo_url     varchar(512),
    repo_path    varchar(512),
    status       varchar(50),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ux_projects_slug ON projects (slug);

CREATE TABLE tasks (
    id              uuid PRIMARY KEY,
    project_id      uuid NOT NULL REFERENCES projects (id),
    trace_id        uuid NOT NULL,
    user_prompt     text NOT NULL,
    status          varchar(50) NOT NULL,
    current_phase   varchar(50),
    branch_name     varchar(255),
    commit_sha      varchar(40),
    preview_url     varchar(512),
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    cost_total      numeric(10, 6) NOT NULL DEFAULT 0,
    metadata        jsonb
);
CREATE INDEX idx_tasks_project ON tasks (project_id);
CREATE INDEX idx_tasks_status ON tasks (status);
CREATE INDEX idx_tasks_created ON tasks (created_at DESC, id DESC);

CREATE TABLE agent_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid NOT NULL,
    trace_id     uuid NOT NULL,
    task_id      uuid,
    actor        varchar(50) NOT NULL,
    event_type   varchar(100) NOT NULL,
    repo         varchar(512) NOT NULL DEFAULT '',
    branch       varchar(255) NOT NULL DEFAULT '',
    commit       varchar(64) NOT NULL DEFAULT '',
    payload      jsonb,
    metadata     jsonb,
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- One audit row per event: a redelivered event cannot be recorded twice.
CREATE UNIQUE INDEX ux_agent_events_event_id ON agent_events (event_id);
CREATE INDEX idx_trace ON agent_events (trace_id);
CREATE INDEX idx_task ON agent_events (task_id);
CREATE INDEX idx_actor ON agent_events (actor);

CREATE TABLE preview_deployments (
    id                 uuid PRIMARY KEY,
    task_id            uuid NOT NULL REFERENCES tasks (id),
    url                varchar(512) NOT NULL,
    container_id       varchar(128),
    status             varchar(50),
    health_check_url   varchar(512),
    created_at         timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz,
    last_health_check  timestamptz
);
CREATE INDEX idx_preview_deployments_task ON preview_deployments (task_id);
CREATE INDEX idx_preview_deployments_expires ON preview_deployments (expires_at);

CREATE TABLE explorer_scans (
    id               uuid PRIMARY KEY,
    scan_type        varchar(50) NOT NULL,
    target           varchar(512) NOT NULL,
    findings         jsonb,
    tech_stack       jsonb,
    security_score   numeric(5, 2),
    tech_debt_score  numeric(5, 2),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
    id          uuid PRIMARY KEY,
    user_id     varchar(255),
    project_id  uuid REFERENCES projects (id),
    title       varchar(255) NOT NULL,
    context     jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversation_messages (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role             varchar(20) NOT NULL,
    content          text NOT NULL,
    task_id          uuid,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_conversation_messages_conversation ON conversation_messages (conversation_id, created_at);

CREATE TABLE agent_logs (
    id          uuid PRIMARY KEY,
    task_id     uuid,
    trace_id    uuid,
    agent_name  varchar(50) NOT NULL,
    message     text NOT NULL,
    level       varchar(20) NOT NULL,
    data        jsonb,
    timestamp   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_agent_logs_task ON agent_logs (task_id, timestamp);

CREATE TABLE generated_projects (
    id             uuid PRIMARY KEY,
    project_id     uuid REFERENCES projects (id),
    task_id        uuid,
    name           varchar(255) NOT NULL,
    description    text,
    architecture   jsonb,
    files          jsonb,
    git_repo_path  varchar(512),
    git_commit     varchar(64),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_generated_projects_project ON generated_projects (project_id);

CREATE TABLE outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid NOT NULL,
    event_type    varchar(100) NOT NULL,
    routing_key   varchar(200) NOT NULL,
    body          jsonb NOT NULL,
    headers       jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text
);
CREATE UNIQUE INDEX ux_outbox_event_id ON outbox (event_id);
-- The dispatcher only ever scans what is still pending.
CREATE INDEX idx_outbox_pending ON outbox (id) WHERE published_at IS NULL;

CREATE TABLE inbox (
    consumer      varchar(100) NOT NULL,
    event_id      uuid NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE llm_calls (
    id                 uuid PRIMARY KEY,
    task_id            uuid,
    agent              varchar(50) NOT NULL,
    provider           varchar(50) NOT NULL,
    model              varchar(100) NOT NULL,
    prompt_tokens      integer NOT NULL DEFAULT 0,
    completion_tokens  integer NOT NULL DEFAULT 0,
    cost               numeric(12, 6) NOT NULL DEFAULT 0,
    latency_ms         integer NOT NULL DEFAULT 0,
    succeeded          boolean NOT NULL,
    error              text,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_llm_calls_task ON llm_calls (task_id);

-- pgvector is not available here, so vectors are plain real[]; similarity is computed by the application.
CREATE TABLE embeddings (
    id          uuid PRIMARY KEY,
    project_id  uuid,
    task_id     uuid,
    kind        varchar(50) NOT NULL,
    content     text NOT NULL,
    vector      real[] NOT NULL,
    metadata    jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_embeddings_kind ON embeddings (kind);
