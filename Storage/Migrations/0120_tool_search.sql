-- Tool search: one row per (tenant, tool), projected from the Tool grains by IToolSearchIndex.
-- Hybrid retrieval: pgvector cosine distance on an embedding + PostgreSQL full-text ranking (docs/search.md).
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE IF NOT EXISTS coworker.tool_search (
    tenant_id       text NOT NULL,
    tool_name       text NOT NULL,
    title           text NOT NULL,
    description     text NOT NULL,
    method          text NOT NULL,
    path_template   text NOT NULL,
    parameter_names text[] NOT NULL DEFAULT '{}',
    tags            text[] NOT NULL DEFAULT '{}',
    -- 'Staged', 'Published' or 'Deprecated'.
    status          text NOT NULL,
    source_id       text NOT NULL,
    -- The tool name split into words ("gmail_users_drafts_send" -> "gmail users drafts send"), written by the index.
    name_words      text NOT NULL,
    -- Path segments, parameter names and tags as words, plus what the HTTP method means ("list", "create", ...).
    extra_words     text NOT NULL,
    -- Field-weighted document for ts_rank_cd: name and title (A) > description (B) > path, parameters, tags (C).
    search          tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', name_words || ' ' || title), 'A')
                        || setweight(to_tsvector('english', description), 'B')
                        || setweight(to_tsvector('english', extra_words), 'C')) STORED,
    -- Any dimension, so that a configured Ollama/OpenAI embedder can replace the offline one without a migration.
    -- HNSW needs a fixed dimension: each dimension in use gets its own partial expression index (pgvector's
    -- documented pattern for mixed dimensions); the offline default's 1024 is created here, others by the index
    -- at start-up (PgToolSearchIndex.EnsureVectorIndexAsync).
    embedding       vector NOT NULL,
    embedding_dims  int GENERATED ALWAYS AS (vector_dims(embedding)) STORED,
    -- Which generator produced the embedding (provider:model:dims); rows whose id differs from the configured
    -- generator's are re-embedded in the background (ToolSearchReembedService).
    embedder_id     text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- The primary key also serves every tenant_id lookup (tenant_id is its leading column).
    PRIMARY KEY (tenant_id, tool_name)
);

CREATE INDEX IF NOT EXISTS tool_search_embedding_1024_hnsw ON coworker.tool_search
    USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE embedding_dims = 1024;

CREATE INDEX IF NOT EXISTS tool_search_text_gin ON coworker.tool_search USING gin (search);

-- Finds what the background re-embedder still has to do.
CREATE INDEX IF NOT EXISTS tool_search_embedder ON coworker.tool_search (embedder_id);
