using System.Diagnostics;
using Coworker.Agents;
using Coworker.Common;
using Coworker.Tenants;
using Xunit.Abstractions;

namespace Coworker.Tests.Cluster;

/// <summary>The platform's own aggregates keep their state in PostgreSQL across restarts and silo crashes.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class TenantAgentPersistenceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(60);

    private static readonly AgentConfig SupportBot =
        new("Support bot", "Answers support tickets", "Be concise and cite the ticket.", ModelSettings.Default, []);

    [Fact]
    public async Task TenantAndAgentSurviveAFullClusterRestart()
    {
        await using var isolated = await IsolatedCluster.StartAsync();
        await isolated.Grains.GetGrain<ITenantGrain>("acme").CreateAsync(new CreateTenant("Acme Corp", "alice"));
        var agent = isolated.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose("acme", "support-bot"));
        await agent.CreateAsync(SupportBot);
        var started = await agent.StartAsync();

        await isolated.RestartAsync();

        var tenant = await isolated.Grains.GetGrain<ITenantGrain>("acme").GetAsync();
        Assert.Equal("Acme Corp", tenant.DisplayName);
        Assert.Contains("support-bot", await isolated.Grains.GetGrain<ITenantGrain>("acme").ListAgentIdsAsync());
        var restored = await isolated.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose("acme", "support-bot")).GetAsync();
        Assert.Equal(AgentStatus.Active, restored.Status);
        Assert.Equal(SupportBot.Name, restored.Config.Name);
        Assert.Equal(started.Version, restored.Version);
    }

    [Fact]
    public async Task AnAgentReactivatesOnTheOtherSiloWithItsStateAfterItsSiloCrashes()
    {
        await using var isolated = await IsolatedCluster.StartAsync();
        await isolated.Grains.GetGrain<ITenantGrain>("globex").CreateAsync(new CreateTenant("Globex", "hank"));
        var agent = isolated.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose("globex", "ops-bot"));
        await agent.CreateAsync(SupportBot with { Name = "Ops bot" });
        await agent.StartAsync();

        var management = isolated.Grains.GetGrain<IManagementGrain>(0);
        var host = await management.GetActivationAddress(agent) ?? throw new InvalidOperationException("The agent is not active anywhere.");
        var victim = isolated.Cluster.GetSiloForAddress(host) ?? throw new InvalidOperationException($"No silo handle for {host}.");

        var clock = Stopwatch.StartNew();
        var killed = isolated.CrashSiloAsync(victim);
        var info = await Eventually.ReachAsync(agent.GetAsync, _ => true, FailoverBound, "the agent answering after the crash");
        output.WriteLine($"Agent answered {clock.ElapsedMilliseconds} ms after its silo crashed.");
        await killed;

        Assert.Equal(AgentStatus.Active, info.Status);
        Assert.Equal("Ops bot", info.Config.Name);
        var newHost = await management.GetActivationAddress(agent);
        Assert.NotNull(newHost);
        Assert.NotEqual(host, newHost);
        Assert.Equal(AgentStatus.Stopped, (await agent.StopAsync()).Status);
    }
}
