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
}
