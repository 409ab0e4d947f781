-- An outbox row may be addressed to one consumer (a replayed dead letter) instead of every bound queue, and
-- the same event may then be in the outbox more than once.
ALTER TABLE outbox ADD COLUMN consumer varchar(100);
DROP INDEX ux_outbox_event_id;
CREATE INDEX idx_outbox_event_id ON outbox (event_id);
