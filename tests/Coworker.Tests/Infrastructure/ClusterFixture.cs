using Coworker.ServiceDefaults;
using Orleans.TestingHost;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// A real cluster for a test collection: a fresh PostgreSQL database, two silos on the ADO.NET providers
/// (the schema is created by the silos' own migration step), NATS JetStream, and a client.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int InitialSilos = 2;

    public TestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var builder = new TestClusterBuilder(InitialSilos);
        builder.Options.UseTestClusterMembership = false;
        // Real TCP sockets (the default is an in-memory transport), so a Gateway or Studio started by the
        // tests connects to these silos the way it does in production.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[ConfigKeys.PostgresConnection] = Database.ConnectionString;
        builder.Properties[ConfigKeys.NatsConnection] = TestEnvironment.NatsUrl;
        builder.Properties[ConfigKeys.ClusterId] = builder.Options.ClusterId;
        builder.Properties[ConfigKeys.ServiceId] = builder.Options.ServiceId;
        // Short upstream timeout so "the upstream hangs" tests take seconds.
        builder.Properties["Coworker:Upstream:Timeout"] = "00:00:03";
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
            await TestAuditStreams.DeleteAsync(Cluster.Options.ServiceId);
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
