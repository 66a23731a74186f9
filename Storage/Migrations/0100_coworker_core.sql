-- Coworker's own tables: listings projected from grain state (grains stay the source of truth).
CREATE TABLE IF NOT EXISTS coworker.tenants (
    id           text PRIMARY KEY,
    display_name text NOT NULL,
    status       text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS coworker.agents (
    tenant_id  text NOT NULL,
    agent_id   text NOT NULL,
    name       text NOT NULL,
    status     text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, agent_id)
);
