namespace Coworker.Catalog;

/// <summary>Row of a tools listing, projected into PostgreSQL.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ToolSummary")]
public sealed record ToolSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] ToolStatus Status,
    [property: Id(3)] string SourceId,
    [property: Id(4)] string Operation,
    [property: Id(5)] int LatestVersion,
    [property: Id(6)] int? PublishedVersion,
    [property: Id(7)] int ReviewFlags,
    [property: Id(8)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("Coworker.ToolFilter")]
public sealed record ToolFilter(
    [property: Id(0)] ToolStatus? Status,
    [property: Id(1)] string? SourceId,
    [property: Id(2)] string? Text,
    [property: Id(3)] int Limit,
    [property: Id(4)] string? After);

/// <summary>Listing and search across a tenant's tools (a stateless worker over the PostgreSQL projections).</summary>
[Alias("Coworker.IToolCatalogGrain")]
public interface IToolCatalogGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<ToolSummary>> ListAsync(string tenant, ToolFilter filter);

    Task<IReadOnlyList<string>> ListNamesBySourceAsync(string tenant, string sourceId);

    /// <summary>
    /// The tenant's tools that are not deprecated, leaving out those of <paramref name="exceptSource"/> and those
    /// named in <paramref name="exceptNames"/>: what stays beside a (re-)import of that source with those tools.
    /// </summary>
    Task<int> CountLiveToolsAsync(string tenant, string exceptSource, IReadOnlyCollection<string> exceptNames);

    Task<IReadOnlyList<ToolSearchHit>> SearchAsync(string tenant, string query, int k, IReadOnlyCollection<string>? allowedTools, ToolStatus? status);
}
