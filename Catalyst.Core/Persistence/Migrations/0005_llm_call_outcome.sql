-- What became of each model call (ok, invalid, refused, timeout, error), and the costs page reads calls by day.
ALTER TABLE llm_calls
    ADD COLUMN outcome varchar(20) NOT NULL DEFAULT 'ok';
CREATE INDEX idx_llm_calls_created ON llm_calls (created_at);
