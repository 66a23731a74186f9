using Coworker.Projections;

namespace Coworker.Listings;

/// <summary>Tenant and agent listings from the PostgreSQL projection. Stateless and reentrant: each call is a query
/// whose wait must not hold up the next one.</summary>
[StatelessWorker]
[Reentrant]
public sealed class DirectoryGrain(ProjectionStore projections) : Grain, IDirectoryGrain
{
    private const int MaxPage = 500;

    public Task<IReadOnlyList<TenantSummary>> ListTenantsAsync(int limit, string? after) =>
        projections.ListTenantsAsync(Math.Clamp(limit, 1, MaxPage), after);

    public Task<IReadOnlyList<AgentSummary>> ListAgentsAsync(string tenant, int limit, string? after) =>
        projections.ListAgentsAsync(tenant, Math.Clamp(limit, 1, MaxPage), after);
}
