namespace Coworker.Agents;

/// <summary>Lifecycle of an agent. Terminated is final; only Active agents may call tools.</summary>
[GenerateSerializer, Alias("Coworker.AgentStatus")]
public enum AgentStatus
{
    Created = 0,
    Active = 1,
    Stopped = 2,
    Suspended = 3,
    Terminated = 4,
}
