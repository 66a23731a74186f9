namespace Coworker.Agents;

/// <summary>The lifecycle actions an operator can take; <see cref="AgentLifecycle"/> says which are allowed when.</summary>
[GenerateSerializer, Alias("Coworker.AgentAction")]
public enum AgentAction
{
    Start = 0,
    Stop = 1,
    Suspend = 2,
    Resume = 3,
    Terminate = 4,
}
