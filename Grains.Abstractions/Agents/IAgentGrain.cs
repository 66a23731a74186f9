namespace Coworker.Agents;

/// <summary>
/// One agent, keyed "{tenant}/{agent}": its configuration and lifecycle. Every change is persisted
/// before it is acknowledged and published as an event.
/// </summary>
[Alias("Coworker.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates the agent in the Created state; a second create is a conflict.</summary>
    Task<AgentInfo> CreateAsync(AgentConfig config);

    /// <summary>The agent, or a NotFound error.</summary>
    [ReadOnly]
    Task<AgentInfo> GetAsync();

    Task<AgentInfo> UpdateConfigAsync(AgentConfig config);

    Task<AgentInfo> StartAsync();

    Task<AgentInfo> StopAsync();

    /// <summary>Suspends the agent; with <paramref name="until"/> a durable reminder resumes it then.</summary>
    Task<AgentInfo> SuspendAsync(string? reason, DateTimeOffset? until);

    Task<AgentInfo> ResumeAsync();

    /// <summary>Final: a terminated agent can be read but never changed again.</summary>
    Task<AgentInfo> TerminateAsync();

    /// <summary>Issues an API key the agent authenticates with at the MCP endpoint; returned once, stored hashed.</summary>
    Task<IssuedAgentKey> CreateApiKeyAsync(string name);

    [ReadOnly]
    Task<IReadOnlyList<AgentKeyInfo>> ListApiKeysAsync();

    Task RevokeApiKeyAsync(string keyId);

    /// <summary>
    /// The principal for a key hash, or null when unknown, revoked, or the tenant is disabled (the agent's own
    /// status is returned, not checked).
    /// </summary>
    [ReadOnly]
    ValueTask<AgentPrincipal?> AuthenticateAsync(string keyHash);

    /// <summary>Names of the tools the agent's roles grant (published or not); permission evaluation lives in the grains.</summary>
    Task<IReadOnlyList<string>> GetGrantedToolsAsync();

    /// <summary>Checks status, grant, rate limits and call quotas for one call, and counts it when allowed.</summary>
    Task<CallAuthorization> AuthorizeCallAsync(string tool);

    /// <summary>The agent's tool calls counted in the current UTC day and month, with its own quota.</summary>
    [ReadOnly]
    Task<CallUsage> GetUsageAsync();
}
