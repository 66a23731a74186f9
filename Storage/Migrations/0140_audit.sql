-- The audit log (docs/audit.md): every tool call, denial, secret use, authentication failure and admin change.
-- Events reach the silos' audit writers through NATS JetStream and are written here in batches, hash-chained
-- per tenant: hash = SHA-256(prev_hash || canonical JSON of the row's content), prev_hash of seq 1 = 32 zero bytes.
-- Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for everyone (a superuser can only get past it by
-- switching triggers off, which the chain then exposes); the application role gets SELECT and INSERT only.

-- Monthly RANGE partitions on the event time. A unique constraint on a partitioned table must include the
-- partition key, so uniqueness is (id, at) and (tenant_id, seq, at): an event redelivered by JetStream carries
-- the same id and time and lands in the same partition, and seq is allocated under the tenant's chain-head lock.
CREATE TABLE IF NOT EXISTS coworker.audit_events (
    id        uuid        NOT NULL,
    tenant_id text        NOT NULL,
    seq       bigint      NOT NULL CHECK (seq > 0),
    at        timestamptz NOT NULL,
    kind      text        NOT NULL,
    actor     text        NOT NULL,
    target    text        NOT NULL,
    outcome   text        NOT NULL,
    detail    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    prev_hash bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash      bytea       NOT NULL CHECK (octet_length(hash) = 32),
    CONSTRAINT audit_events_id_key UNIQUE (id, at),
    CONSTRAINT audit_events_tenant_seq_key UNIQUE (tenant_id, seq, at)
) PARTITION BY RANGE (at);

-- Filters of GET /tenants/{tenant}/audit, each ordered by seq for paging.
CREATE INDEX IF NOT EXISTS audit_events_tenant_kind ON coworker.audit_events (tenant_id, kind, seq);
CREATE INDEX IF NOT EXISTS audit_events_tenant_actor ON coworker.audit_events (tenant_id, actor, seq);
CREATE INDEX IF NOT EXISTS audit_events_tenant_target ON coworker.audit_events (tenant_id, target, seq);

-- The last link of each tenant's chain. Writers lock a tenant's row (SELECT ... FOR UPDATE, tenants in order)
-- before appending, so several silos writing at once still produce one contiguous chain per tenant. It is
-- bookkeeping, not evidence: `verify` checks it against the last row, which exposes a chain cut short.
CREATE TABLE IF NOT EXISTS coworker.audit_chain_heads (
    tenant_id  text PRIMARY KEY,
    seq        bigint      NOT NULL CHECK (seq >= 0),
    hash       bytea       NOT NULL CHECK (octet_length(hash) = 32),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION coworker.audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'coworker.audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit rows are never changed; old months are removed by dropping their partition (table owner).';
END
$$;

-- Row triggers on a partitioned table are cloned onto every partition, present and future.
CREATE OR REPLACE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON coworker.audit_events
    FOR EACH ROW EXECUTE FUNCTION coworker.audit_events_refuse_change();

-- Statement triggers are not cloned: ensure_audit_partition adds this one to each partition it creates.
CREATE OR REPLACE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON coworker.audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION coworker.audit_events_refuse_change();

-- Safety net for a row whose month has no partition (the writers create the month first, so it stays empty;
-- a month cannot get its own partition while rows of that month sit here).
CREATE TABLE IF NOT EXISTS coworker.audit_events_default PARTITION OF coworker.audit_events DEFAULT;
CREATE OR REPLACE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON coworker.audit_events_default
    FOR EACH STATEMENT EXECUTE FUNCTION coworker.audit_events_refuse_change();

-- Creates the partition of the month holding `month` (UTC bounds) unless it exists; returns its name.
-- SECURITY DEFINER so that the application role, which owns nothing, can still open a new month.
CREATE OR REPLACE FUNCTION coworker.ensure_audit_partition(month date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    first_day date := date_trunc('month', month)::date;
    partition text := format('audit_events_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
    IF to_regclass(format('coworker.%I', partition)) IS NOT NULL THEN
        RETURN partition;
    END IF;

    -- Two silos opening the same month at once: the second waits here, then finds the partition.
    PERFORM pg_advisory_xact_lock(hashtext('coworker.ensure_audit_partition'));
    IF to_regclass(format('coworker.%I', partition)) IS NOT NULL THEN
        RETURN partition;
    END IF;

    EXECUTE format('CREATE TABLE coworker.%I PARTITION OF coworker.audit_events FOR VALUES FROM (%L) TO (%L)',
        partition,
        first_day::timestamp AT TIME ZONE 'UTC',
        (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON coworker.%I '
        'FOR EACH STATEMENT EXECUTE FUNCTION coworker.audit_events_refuse_change()', partition);
    RETURN partition;
END
$$;

-- This month and the next two exist from the start; writers open later months as events reach them.
SELECT coworker.ensure_audit_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => m))::date)
FROM generate_series(0, 2) AS m;

REVOKE ALL ON FUNCTION coworker.ensure_audit_partition(date) FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON coworker.audit_events FROM PUBLIC;

-- The role production runs the application as (docs/audit.md): it may append and read audit rows, never
-- change them. Roles are cluster-wide, so another database may have created it already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'coworker_app') THEN
        CREATE ROLE coworker_app NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL;
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'role coworker_app not created: the migrating role lacks CREATEROLE (see docs/audit.md)';
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'coworker_app') THEN
        GRANT USAGE ON SCHEMA coworker TO coworker_app;
        GRANT SELECT, INSERT ON coworker.audit_events TO coworker_app;
        GRANT SELECT, INSERT, UPDATE ON coworker.audit_chain_heads TO coworker_app;
        GRANT EXECUTE ON FUNCTION coworker.ensure_audit_partition(date) TO coworker_app;
    END IF;
END
$$;
