using Coworker.ServiceDefaults;
using Coworker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Coworker.Tests.Cluster;

/// <summary>
/// A cluster of its own for a test that kills or restarts silos, so it cannot disturb the shared
/// <see cref="ClusterFixture"/>. It runs the same silo wiring on its own fresh database; a restart builds a
/// new TestCluster with the same service and cluster ids on the same database, as a redeploy would.
/// Each silo is reached only through its own <see cref="SiloLinks"/>, so <see cref="CrashSiloAsync"/> can take
/// a silo down the way a crashed host goes: without a word to the membership table.
/// </summary>
public sealed class IsolatedCluster : IAsyncDisposable
{
    private IsolatedCluster(TestDatabase database, string serviceId, string clusterId)
    {
        Database = database;
        ServiceId = serviceId;
        ClusterId = clusterId;
    }

    public TestDatabase Database { get; }

    public string ServiceId { get; }

    public string ClusterId { get; }

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public static async Task<IsolatedCluster> StartAsync(short silos = ClusterFixture.InitialSilos)
    {
        var database = await TestDatabase.CreateAsync();
        var id = Guid.NewGuid().ToString("N")[..12];
        var isolated = new IsolatedCluster(database, $"svc-{id}", $"cluster-{id}");
        try
        {
            await isolated.DeployAsync(silos);
            return isolated;
        }
        catch
        {
            await isolated.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every silo gracefully, then deploys a brand-new cluster on the same database.</summary>
    public async Task RestartAsync(short silos = ClusterFixture.InitialSilos)
    {
        await StopAsync();
        await DeployAsync(silos);
    }

    /// <summary>
    /// Crashes a silo: its links are cut at once (no more database, peers or clients), so it cannot record
    /// its own death and the survivors have to detect it and vote it Dead. The returned task completes when
    /// the in-process silo has also been stopped; until then it may still send (never receive) messages.
    /// </summary>
    public Task CrashSiloAsync(SiloHandle silo)
    {
        IsolatedSiloConfigurator.LinksOf(ClusterId, silo.Name).CutAll();

        // The in-process stop still runs the silo's shutdown, which retries recording its own death until
        // MaxJoinAttemptTime (minutes by default). A crashed process retries nothing; shorten it for this
        // silo only (the options object is read at each attempt), so cleanup takes seconds.
        var services = ((InProcessSiloHandle)silo).ServiceProvider;
        services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.MaxJoinAttemptTime = TimeSpan.FromSeconds(1);
        return Cluster.KillSiloAsync(silo);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await TestAuditStreams.DeleteAsync(ServiceId);
        await Database.DisposeAsync();
    }

    private async Task DeployAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        // Real sockets rather than TestCluster's in-memory transport, so the silo links carry the traffic.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ClusterId;
        builder.Properties[ConfigKeys.PostgresConnection] = Database.ConnectionString;
        builder.Properties[ConfigKeys.NatsConnection] = TestEnvironment.NatsUrl;
        builder.Properties[ConfigKeys.ClusterId] = ClusterId;
        builder.Properties[ConfigKeys.ServiceId] = ServiceId;
        builder.AddSiloBuilderConfigurator<IsolatedSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    private async Task StopAsync()
    {
        if (Cluster is { } cluster)
        {
            Cluster = null!;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        await IsolatedSiloConfigurator.CloseLinksAsync(ClusterId);
    }
}
