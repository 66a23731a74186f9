namespace Coworker.Tenants;

[GenerateSerializer, Alias("Coworker.TenantState")]
public sealed class TenantState
{
    [Id(0)] public string DisplayName { get; set; } = "";
    [Id(1)] public TenantStatus Status { get; set; }
    [Id(2)] public TenantQuotas Quotas { get; set; } = TenantQuotas.Default;
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(5)] public Dictionary<string, TenantUser> Users { get; set; } = new(StringComparer.Ordinal);
    /// <summary>API keys by the SHA-256 of the key; the plain key is never stored.</summary>
    [Id(6)] public Dictionary<string, StoredApiKey> ApiKeys { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public HashSet<string> AgentIds { get; set; } = new(StringComparer.Ordinal);
    [Id(8)] public List<string> NetworkAllowlist { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("Coworker.StoredApiKey")]
public sealed record StoredApiKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] string UserId,
    [property: Id(3)] string Prefix,
    [property: Id(4)] DateTimeOffset CreatedAt)
{
    public ApiKeyInfo ToInfo() => new(KeyId, Name, UserId, Prefix, CreatedAt);
}
