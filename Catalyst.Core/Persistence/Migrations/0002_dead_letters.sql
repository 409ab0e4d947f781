-- Events a consumer gave up on after its last retry: listed and replayed through the API.
CREATE TABLE dead_letters (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            uuid NOT NULL,
    consumer            varchar(100) NOT NULL,
    task_id             uuid,
    event_type          varchar(100) NOT NULL,
    body                jsonb NOT NULL,
    headers             jsonb,
    error               text NOT NULL,
    attempts            integer NOT NULL,
    task_status_before  varchar(50),
    dead_lettered_at    timestamptz NOT NULL DEFAULT now(),
    replayed_at         timestamptz
);
CREATE UNIQUE INDEX ux_dead_letters_consumer_event ON dead_letters (consumer, event_id);
CREATE INDEX idx_dead_letters_pending ON dead_letters (dead_lettered_at DESC) WHERE replayed_at IS NULL;
