namespace Coworker.Tenants;

[GenerateSerializer, Immutable, Alias("Coworker.TenantInfo")]
public sealed record TenantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] TenantQuotas Quotas,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    // Hosts, IPs or CIDR ranges this tenant's tools and imports may reach even though they are private,
    // loopback or link-local (the SSRF guard refuses those by default).
    [property: Id(6)] IReadOnlyList<string> NetworkAllowlist);

[GenerateSerializer, Immutable, Alias("Coworker.TenantQuotas")]
public sealed record TenantQuotas(
    [property: Id(0)] int MaxAgents,
    [property: Id(1)] int MaxUsers,
    // Tool calls per minute (and burst) across all of the tenant's agents; the platform default when null.
    [property: Id(2)] Agents.RateLimit? ToolCalls = null,
    // Tool calls per UTC day and month across all of the tenant's agents; unlimited when null.
    [property: Id(3)] Agents.CallQuota? CallQuota = null)
{
    public static TenantQuotas Default { get; } = new(MaxAgents: 100, MaxUsers: 50);
}

[GenerateSerializer, Immutable, Alias("Coworker.CreateTenant")]
public sealed record CreateTenant(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string OwnerUser,
    [property: Id(2)] TenantQuotas? Quotas = null);

[GenerateSerializer, Immutable, Alias("Coworker.UpdateTenant")]
public sealed record UpdateTenant(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] TenantQuotas? Quotas,
    [property: Id(2)] IReadOnlyList<string>? NetworkAllowlist = null);
