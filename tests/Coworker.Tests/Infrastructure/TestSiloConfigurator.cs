using Coworker.ServiceDefaults;
using Coworker.Silo;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// Test silos run the production wiring (<see cref="SiloSetup.UseCoworker"/>: ADO.NET clustering, storage
/// and reminders on PostgreSQL, NATS events) with failure detection and reminder refresh tightened so
/// that silo-death tests finish in seconds rather than minutes.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = TestMasterKey.AddTo(siloBuilder.Configuration);
        siloBuilder.UseCoworker(configuration).AddCoworkerGrains(configuration);
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
        siloBuilder.Configure<ReminderOptions>(options =>
        {
            options.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            options.RefreshReminderListPeriod = TimeSpan.FromSeconds(2);
        });
    }
}

/// <summary>The test client finds silos through the same PostgreSQL membership table as the Gateway does.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseCoworkerCluster();
}
