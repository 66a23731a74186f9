-- The upstream hosts an Owner approved each secret for, shown in the listing (host names are not secret). Rows
-- projected before this column existed read as no host, like the grain state they were projected from.
ALTER TABLE coworker.secrets ADD COLUMN IF NOT EXISTS allowed_hosts text[] NOT NULL DEFAULT '{}';
