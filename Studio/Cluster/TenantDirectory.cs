using Coworker.Agents;
using Coworker.Listings;
using Coworker.Tenants;

namespace Coworker.Studio.Cluster;

/// <summary>Tenant and agent listings, read from the directory grain's PostgreSQL projections, and a tenant's tool-call usage.</summary>
public sealed class TenantDirectory(IClusterClient cluster)
{
    /// <summary>The directory grain answers at most this many rows per call.</summary>
    public const int PageSize = 500;

    private IDirectoryGrain Directory => cluster.GetGrain<IDirectoryGrain>(0);

    public Task<IReadOnlyList<TenantSummary>> ListTenantsAsync() => Directory.ListTenantsAsync(PageSize, after: null);

    public Task<IReadOnlyList<AgentSummary>> ListAgentsAsync(string tenant) => Directory.ListAgentsAsync(tenant, PageSize, after: null);

    /// <summary>The tenant's tool calls this UTC day and month against its call quota (one call to the tenant grain).</summary>
    public Task<CallUsage> GetToolCallUsageAsync(string tenant) => cluster.GetGrain<ITenantGrain>(tenant).GetToolCallUsageAsync();
}
