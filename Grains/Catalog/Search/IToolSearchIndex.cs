using Coworker.Catalog;

namespace Coworker.Catalog.Search;

/// <summary>
/// Hybrid tool search over one tenant's tools: pgvector cosine similarity on embeddings fused with
/// PostgreSQL full-text ranking. Every query is scoped to one tenant; nothing crosses tenants.
/// </summary>
public interface IToolSearchIndex
{
    /// <summary>Adds or replaces a tool's entry (re-embedding it).</summary>
    Task UpsertAsync(ToolSearchDocument document, CancellationToken cancellationToken = default);

    Task RemoveAsync(string tenant, string toolName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Top-k tools of <paramref name="tenant"/> for a natural-language query. <paramref name="allowedTools"/>
    /// (when not null) restricts results to those names, e.g. the tools an agent may use;
    /// <paramref name="status"/> (when not null) to tools in that status.
    /// </summary>
    Task<IReadOnlyList<ToolSearchHit>> SearchAsync(
        string tenant, string query, int k, IReadOnlyCollection<string>? allowedTools = null, string? status = null,
        CancellationToken cancellationToken = default);
}
