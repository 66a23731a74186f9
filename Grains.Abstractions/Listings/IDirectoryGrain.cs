using Coworker.Agents;
using Coworker.Tenants;

namespace Coworker.Listings;

/// <summary>Row of the tenants listing projected into PostgreSQL.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.TenantSummary")]
public sealed record TenantSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>Row of an agents listing projected into PostgreSQL.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.AgentSummary")]
public sealed record AgentSummary(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] AgentStatus Status,
    [property: Id(4)] DateTimeOffset UpdatedAt);

/// <summary>
/// Listings that span many grains, answered from the PostgreSQL projections the grains keep
/// (a stateless worker: no state, any silo, as many activations as load needs).
/// </summary>
[Alias("Coworker.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<TenantSummary>> ListTenantsAsync(int limit, string? after);

    Task<IReadOnlyList<AgentSummary>> ListAgentsAsync(string tenant, int limit, string? after);
}
