using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Coworker.ServiceDefaults;
using Coworker.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Coworker.Tests.Cluster;

/// <summary>
/// The shared test wiring (<see cref="TestSiloConfigurator"/>, hence production's UseCoworker), except that
/// each silo talks to PostgreSQL, its peers and clients through its own <see cref="SiloLinks"/>, so a test
/// can crash it.
/// </summary>
public sealed class IsolatedSiloConfigurator : ISiloConfigurator
{
    private static readonly ConcurrentDictionary<string, SiloLinks> Links = new();

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var siloPort = int.Parse(configuration["Orleans:Endpoints:SiloPort"]!, CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(configuration["Orleans:Endpoints:GatewayPort"]!, CultureInfo.InvariantCulture);
        var links = Links.GetOrAdd(
            LinkKey(configuration[ConfigKeys.ClusterId], configuration["Orleans:Name"]),
            _ => new SiloLinks(configuration.RequirePostgres(), siloPort, gatewayPort));

        var throughLinks = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConfigKeys.PostgresConnection] = links.PostgresConnectionString })
            .Build();
        new TestSiloConfigurator().Configure(new SiloBuilderView(siloBuilder.Services, throughLinks));

        // The silo listens where TestCluster put it but advertises its links' ports in the membership table.
        siloBuilder.Configure<EndpointOptions>(options =>
        {
            options.SiloPort = links.Silo.Port;
            options.GatewayPort = links.Gateway.Port;
            options.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort);
            options.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
        });
    }

    public static SiloLinks LinksOf(string clusterId, string siloName) =>
        Links.TryGetValue(LinkKey(clusterId, siloName), out var links)
            ? links
            : throw new InvalidOperationException($"Silo {siloName} of {clusterId} has no links.");

    public static async Task CloseLinksAsync(string clusterId)
    {
        foreach (var key in Links.Keys.Where(k => k.StartsWith(clusterId + "/", StringComparison.Ordinal)))
        {
            if (Links.TryRemove(key, out var links))
            {
                await links.DisposeAsync();
            }
        }
    }

    private static string LinkKey(string? clusterId, string? siloName) => $"{clusterId}/{siloName}";

    private sealed class SiloBuilderView(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = configuration;
    }
}
