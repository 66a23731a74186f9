using System.Globalization;

namespace Coworker.Catalog.Search;

/// <summary>
/// The SQL of tool search. Tenant always filters; status and allowed names filter when given. The HNSW index is
/// partial per dimension (migration 0120), so the dimension is written into the text, never bound.
/// </summary>
internal static class ToolSearchSql
{
    public const string Upsert = """
        INSERT INTO coworker.tool_search (tenant_id, tool_name, title, description, method, path_template,
            parameter_names, tags, status, source_id, name_words, extra_words, embedding, embedder_id, updated_at)
        VALUES (@tenant, @name, @title, @description, @method, @path, @parameters, @tags, @status, @source,
            @name_words, @extra_words, @embedding, @embedder, now())
        ON CONFLICT (tenant_id, tool_name) DO UPDATE SET
            title = excluded.title, description = excluded.description, method = excluded.method,
            path_template = excluded.path_template, parameter_names = excluded.parameter_names, tags = excluded.tags,
            status = excluded.status, source_id = excluded.source_id, name_words = excluded.name_words,
            extra_words = excluded.extra_words, embedding = excluded.embedding, embedder_id = excluded.embedder_id,
            updated_at = now()
        """;

    public const string Remove = "DELETE FROM coworker.tool_search WHERE tenant_id = @tenant AND tool_name = @name";

    /// <summary>Nearest tools by cosine distance. <paramref name="useIndex"/> false: an exact scan of the filtered rows.</summary>
    public static string Vector(int dimensions, bool useIndex, bool byStatus, bool byNames)
    {
        var dims = dimensions.ToString(CultureInfo.InvariantCulture);
        // The index is on the expression embedding::vector(D); ordering by the bare column cannot use it.
        var distance = useIndex ? $"embedding::vector({dims}) <=> @query::vector({dims})" : "embedding <=> @query";
        return $"""
            SELECT tool_name, title, description, 1 - ({distance}) AS similarity
            FROM coworker.tool_search
            WHERE tenant_id = @tenant AND embedding_dims = {dims} AND embedder_id = @embedder
            {Filters(byStatus, byNames)}
            ORDER BY {distance}
            LIMIT @limit
            """;
    }

    public static string Keyword(bool byStatus, bool byNames) => $"""
        SELECT tool_name, title, description, ts_rank_cd(search, query, 1) AS rank
        FROM coworker.tool_search, websearch_to_tsquery('english', @text) AS query
        WHERE tenant_id = @tenant AND search @@ query
        {Filters(byStatus, byNames)}
        ORDER BY rank DESC, tool_name
        LIMIT @limit
        """;

    public static string EnsureVectorIndex(int dimensions)
    {
        var dims = dimensions.ToString(CultureInfo.InvariantCulture);
        return $"""
            CREATE INDEX IF NOT EXISTS tool_search_embedding_{dims}_hnsw ON coworker.tool_search
                USING hnsw ((embedding::vector({dims})) vector_cosine_ops) WHERE embedding_dims = {dims}
            """;
    }

    private static string Filters(bool byStatus, bool byNames) =>
        (byStatus ? "AND status = @status " : "") + (byNames ? "AND tool_name = ANY(@allowed)" : "");
}
