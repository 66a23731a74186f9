using Coworker.Common;

namespace Coworker.Agents;

/// <summary>An agent API key as listed: never the key, only a prefix to recognise it by.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.AgentKeyInfo")]
public sealed record AgentKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Prefix,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>Returned once at creation: the only time the plain agent key exists outside the caller.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.IssuedAgentKey")]
public sealed record IssuedAgentKey(
    [property: Id(0)] AgentKeyInfo Info,
    [property: Id(1)] string Key);

/// <summary>Who a valid agent key speaks for.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.AgentPrincipal")]
public sealed record AgentPrincipal(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Agent,
    [property: Id(2)] AgentStatus Status,
    [property: Id(3)] string KeyId);

/// <summary>Agent keys: "cwg_{tenant}_{agent}_{random}" (slugs never contain '_').</summary>
public static class AgentKeyFormat
{
    public const string Prefix = "cwg";

    public static string New(string tenant, string agent) => ApiKeyHasher.NewKey(Prefix, $"{tenant}_{agent}");

    /// <summary>The tenant and agent a key claims to belong to, or null when the key is not of this shape.</summary>
    public static (string Tenant, string Agent)? Parse(string key)
    {
        if (!key.StartsWith(Prefix + "_", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = key[(Prefix.Length + 1)..].Split('_', 3);
        return parts.Length == 3 && Slug.IsValid(parts[0]) && Slug.IsValid(parts[1]) ? (parts[0], parts[1]) : null;
    }
}
