-- Orleans ADO.NET providers (clustering, grain storage, reminders) ship no SQL of their own: at start each
-- provider runs exactly "SELECT QueryKey, QueryText FROM OrleansQuery" (unqualified, so this lives in the
-- search_path's first schema, public) and afterwards executes the text stored under each key it knows,
-- binding its own named parameters (@DeploymentId, @GrainIdHash, ...). This table is that catalogue.
-- Scripts 0002..0004 add each provider's tables and rows. See docs/orleans-postgresql.md for the contract.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- Registers (or redefines) one named query. Later migrations change a query by calling this again, so a
-- provider never sees two versions of a key and a changed text is one reviewed line in a new script.
CREATE FUNCTION orleans_define_query(query_key varchar, query_text text)
    RETURNS void
    LANGUAGE sql
AS $fn$
    INSERT INTO OrleansQuery (QueryKey, QueryText)
    VALUES (query_key, query_text)
    ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
$fn$;
