-- A model call answered from the cache (HybridCache) is recorded too, at no cost, so the ledger shows what caching saved.
ALTER TABLE llm_calls
    ADD COLUMN cache_hit boolean NOT NULL DEFAULT false;
