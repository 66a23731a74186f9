using Coworker.Projections;

namespace Coworker.Listings;

[StatelessWorker]
public sealed class DirectoryGrain(ProjectionStore projections) : Grain, IDirectoryGrain
{
    private const int MaxPage = 500;

    public Task<IReadOnlyList<TenantSummary>> ListTenantsAsync(int limit, string? after) =>
        projections.ListTenantsAsync(Math.Clamp(limit, 1, MaxPage), after);

    public Task<IReadOnlyList<AgentSummary>> ListAgentsAsync(string tenant, int limit, string? after) =>
        projections.ListAgentsAsync(tenant, Math.Clamp(limit, 1, MaxPage), after);
}
