-- Listing projection of Tool grains: one row per (tenant, tool), written after every state change.
CREATE TABLE IF NOT EXISTS coworker.tools (
    tenant_id         text NOT NULL,
    name              text NOT NULL,
    title             text NOT NULL,
    status            text NOT NULL,
    source_id         text NOT NULL,
    operation         text NOT NULL,
    latest_version    int NOT NULL,
    published_version int,
    review_flags      int NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE INDEX IF NOT EXISTS tools_by_source ON coworker.tools (tenant_id, source_id);
CREATE INDEX IF NOT EXISTS tools_by_status ON coworker.tools (tenant_id, status);
