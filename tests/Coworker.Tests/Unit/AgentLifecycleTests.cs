using Coworker.Agents;
using Coworker.Common;

namespace Coworker.Tests.Unit;

public sealed class AgentLifecycleTests
{
    [Theory]
    [InlineData(AgentStatus.Created, AgentAction.Start, AgentStatus.Active)]
    [InlineData(AgentStatus.Stopped, AgentAction.Start, AgentStatus.Active)]
    [InlineData(AgentStatus.Active, AgentAction.Stop, AgentStatus.Stopped)]
    [InlineData(AgentStatus.Active, AgentAction.Suspend, AgentStatus.Suspended)]
    [InlineData(AgentStatus.Created, AgentAction.Terminate, AgentStatus.Terminated)]
    [InlineData(AgentStatus.Suspended, AgentAction.Terminate, AgentStatus.Terminated)]
    public void AllowedTransitionsLeadWhereTheTableSays(AgentStatus from, AgentAction action, AgentStatus to) =>
        Assert.Equal(to, AgentLifecycle.Next(from, action));

    [Fact]
    public void ResumeReturnsToTheStateTheAgentWasSuspendedFrom()
    {
        Assert.Equal(AgentStatus.Active, AgentLifecycle.Next(AgentStatus.Suspended, AgentAction.Resume, AgentStatus.Active));
        Assert.Equal(AgentStatus.Created, AgentLifecycle.Next(AgentStatus.Suspended, AgentAction.Resume, AgentStatus.Created));
    }

    [Theory]
    [InlineData(AgentStatus.Created, AgentAction.Stop)]
    [InlineData(AgentStatus.Active, AgentAction.Start)]
    [InlineData(AgentStatus.Active, AgentAction.Resume)]
    [InlineData(AgentStatus.Suspended, AgentAction.Start)]
    [InlineData(AgentStatus.Suspended, AgentAction.Suspend)]
    public void ForbiddenTransitionsAreInvalidTransitionErrors(AgentStatus from, AgentAction action)
    {
        var error = Assert.Throws<CoworkerException>(() => AgentLifecycle.Next(from, action));
        Assert.Equal(ErrorKind.InvalidTransition, error.Kind);
    }

    [Fact]
    public void TerminatedIsFinal()
    {
        foreach (var action in Enum.GetValues<AgentAction>())
        {
            var error = Assert.Throws<CoworkerException>(() => AgentLifecycle.Next(AgentStatus.Terminated, action));
            Assert.Contains("terminated", error.Message);
        }
    }
}
