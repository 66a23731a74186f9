using Coworker.Common;

namespace Coworker.Agents;

/// <summary>
/// The agent state machine as one table, so the grain, the API reference and the tests agree:
/// Created/Stopped --start--> Active --stop--> Stopped; any live state --suspend--> Suspended
/// --resume--> the state it was suspended from; anything but Terminated --terminate--> Terminated.
/// </summary>
public static class AgentLifecycle
{
    public static AgentStatus Next(AgentStatus current, AgentAction action, AgentStatus beforeSuspension = AgentStatus.Stopped) =>
        (current, action) switch
        {
            (AgentStatus.Created or AgentStatus.Stopped, AgentAction.Start) => AgentStatus.Active,
            (AgentStatus.Active, AgentAction.Stop) => AgentStatus.Stopped,
            (AgentStatus.Created or AgentStatus.Active or AgentStatus.Stopped, AgentAction.Suspend) => AgentStatus.Suspended,
            (AgentStatus.Suspended, AgentAction.Resume) => beforeSuspension,
            (not AgentStatus.Terminated, AgentAction.Terminate) => AgentStatus.Terminated,
            _ => throw new CoworkerException(
                ErrorKind.InvalidTransition,
                current == AgentStatus.Terminated
                    ? $"The agent is terminated; '{action.ToString().ToLowerInvariant()}' is not possible any more."
                    : $"Cannot {action.ToString().ToLowerInvariant()} an agent that is {current.ToString().ToLowerInvariant()}."),
        };

    public static bool CanChangeConfig(AgentStatus status) => status != AgentStatus.Terminated;
}
