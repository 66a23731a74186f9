using Coworker.Catalog.Search;

namespace Coworker.Catalog.Tools;

/// <summary>Tool listings and search over the PostgreSQL projection. Stateless and reentrant: each call is a query
/// whose wait must not hold up the next one.</summary>
[StatelessWorker]
[Reentrant]
public sealed class ToolCatalogGrain(ToolProjection projection, IToolSearchIndex searchIndex) : Grain, IToolCatalogGrain
{
    public Task<IReadOnlyList<ToolSummary>> ListAsync(string tenant, ToolFilter filter) =>
        projection.ListAsync(tenant, filter with { Limit = Math.Clamp(filter.Limit, 1, 500) });

    public Task<IReadOnlyList<string>> ListNamesBySourceAsync(string tenant, string sourceId) =>
        projection.ListNamesBySourceAsync(tenant, sourceId);

    public Task<int> CountLiveToolsAsync(string tenant, string exceptSource, IReadOnlyCollection<string> exceptNames) =>
        projection.CountLiveAsync(tenant, exceptSource, exceptNames);

    public Task<IReadOnlyList<ToolSearchHit>> SearchAsync(string tenant, string query, int k, IReadOnlyCollection<string>? allowedTools, ToolStatus? status) =>
        searchIndex.SearchAsync(tenant, query, Math.Clamp(k, 1, 100), allowedTools, status?.ToString());
}
