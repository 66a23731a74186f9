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
    [property: Id(3)] Agents.CallQuota? CallQuota = null,
    // Tools the tenant may hold (not counting deprecated ones); DefaultMaxToolsPerTenant when null.
    [property: Id(4)] int? MaxToolsPerTenant = null,
    // Operations one import may hold; DefaultMaxOperationsPerImport when null.
    [property: Id(5)] int? MaxOperationsPerImport = null)
{
    public const int DefaultMaxToolsPerTenant = 5_000;
    public const int DefaultMaxOperationsPerImport = 2_000;
    public const int MaxToolsLimit = 1_000_000;
    public const int MaxOperationsLimit = 100_000;

    public static TenantQuotas Default { get; } = new(MaxAgents: 100, MaxUsers: 50);

    // Methods rather than properties: a computed property would be serialized into API answers and stored state.

    /// <summary>The tool limit in force: the tenant's own or the platform default.</summary>
    public int ToolLimit() => MaxToolsPerTenant ?? DefaultMaxToolsPerTenant;

    /// <summary>The per-import operation limit in force: the tenant's own or the platform default.</summary>
    public int OperationLimit() => MaxOperationsPerImport ?? DefaultMaxOperationsPerImport;
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
