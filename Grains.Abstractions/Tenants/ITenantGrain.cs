namespace Coworker.Tenants;

/// <summary>
/// One tenant, keyed by its slug: profile, quotas, users with their roles, hashed API keys and the
/// index of its agents. Every other grain key of the tenant starts with this id.
/// </summary>
[Alias("Coworker.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant with its first Owner; a second create is a conflict.</summary>
    Task<TenantInfo> CreateAsync(CreateTenant request);

    /// <summary>The tenant, or a NotFound error when it was never created.</summary>
    [ReadOnly]
    Task<TenantInfo> GetAsync();

    Task<TenantInfo> UpdateAsync(UpdateTenant request);

    /// <summary>A disabled tenant keeps its data, but its keys stop authenticating and its agents get nothing.</summary>
    Task<TenantInfo> DisableAsync();

    Task<TenantInfo> EnableAsync();

    [ReadOnly]
    Task<IReadOnlyList<TenantUser>> ListUsersAsync();

    /// <summary>Adds a user or changes their role; the last Owner cannot be demoted.</summary>
    Task<TenantUser> SetUserAsync(string userId, TenantRole role);

    Task RemoveUserAsync(string userId);

    /// <summary>Issues an API key for an existing user; the plain key is returned once and only its hash kept.</summary>
    Task<IssuedApiKey> CreateApiKeyAsync(string userId, string name);

    [ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync();

    Task RevokeApiKeyAsync(string keyId);

    /// <summary>The principal for a key hash, or null when the key is unknown, revoked, or the tenant disabled.</summary>
    [ReadOnly]
    ValueTask<TenantPrincipal?> AuthenticateAsync(string keyHash);

    /// <summary>Reserves a place in the tenant's agent index, enforcing the agent quota.</summary>
    Task RegisterAgentAsync(string agentId);

    [ReadOnly]
    Task<IReadOnlyList<string>> ListAgentIdsAsync();

    /// <summary>
    /// Hands out up to <paramref name="wanted"/> units of the tenant-wide tool-call rate limit to an agent, which
    /// spends them on its next calls without asking again, and takes back <paramref name="returned"/> units an
    /// earlier lease left unused. A tenant never grants more than a twentieth of its burst at once, so one busy
    /// agent cannot hoard the tenant's budget. Granted units count against the tenant's call quota (returned
    /// ones are taken off again), and no more are granted than the quota has left. With <paramref name="wanted"/> 0
    /// it only takes units back (an agent deactivating).
    /// </summary>
    ValueTask<ToolCallLease> LeaseToolCallsAsync(int wanted, int returned);

    /// <summary>The tenant's tool calls (all agents) counted in the current UTC day and month, with its quota.</summary>
    [ReadOnly]
    Task<Agents.CallUsage> GetToolCallUsageAsync();
}
