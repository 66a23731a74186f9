using System.Net.Http.Headers;
using Coworker.Gateway;
using Coworker.ServiceDefaults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// The Gateway on a real Kestrel port, an Orleans client of a 2-silo cluster on PostgreSQL; the admin key
/// is installed from COWORKER_ADMIN_KEY exactly as on a first production start.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string AdminKey = "cwa_admin_test-admin-key-0123456789abcdefghijklmnopqrstuv";

    private GatewayFactory? _factory;

    public ClusterFixture Cluster { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The Gateway's HTTP/2-only gRPC endpoint (docs/grpc.md).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var port = await BeforeGatewayStartsAsync(settings);
        var grpcPort = FreeLoopbackPort();
        settings[ConfigKeys.GrpcPort] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory = new GatewayFactory(Cluster, settings, port, grpcPort);
        _factory.UseKestrel(port);
        _factory.StartServer();
        // The REST address is the one not on the gRPC port (the factory's own choice, its last address, is gRPC's).
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address)).First(address => address.Port != grpcPort).GetLeftPart(UriPartial.Authority));
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    /// <summary>
    /// Runs after the cluster and before the Gateway starts: a variant of this fixture can start what the Gateway's
    /// settings point at and add those settings. Returns the Gateway's port (0: any free port).
    /// </summary>
    protected virtual Task<int> BeforeGatewayStartsAsync(IDictionary<string, string?> settings) => Task.FromResult(0);

    /// <summary>The running Gateway's services (its ILoggerFactory, to capture its logs).</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    /// <summary>A loopback port free now (a fixed port that a setting must name before the server binds it).</summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class GatewayFactory(ClusterFixture cluster, IReadOnlyDictionary<string, string?> settings, int port, int grpcPort)
        : WebApplicationFactory<GatewayMarker>
    {
        /// <summary>
        /// As the factory does for its Kestrel port, plus the gRPC port after it: the factory would bind its one address
        /// only. REST stays first, where the Gateway takes its own MCP URL from when none is configured.
        /// </summary>
        protected override IHost CreateHost(IHostBuilder builder)
        {
            var host = builder.Build();
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            addresses.Addresses.Clear();
            addresses.Addresses.Add($"http://127.0.0.1:{port}");
            addresses.Addresses.Add($"http://127.0.0.1:{grpcPort}");
            addresses.PreferHostingUrls = true;
            host.Start();
            return host;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting(ConfigKeys.PostgresConnection, cluster.Database.ConnectionString);
            builder.UseSetting(ConfigKeys.ClusterId, cluster.Cluster.Options.ClusterId);
            builder.UseSetting(ConfigKeys.ServiceId, cluster.Cluster.Options.ServiceId);
            builder.UseSetting(ConfigKeys.AdminKey, AdminKey);
            builder.UseSetting(ConfigKeys.NatsConnection, TestEnvironment.GatewayNatsUrl);
            // Refused credentials reach the audit as one summary row per source per interval: 2 s here, not a
            // minute, so tests that read those rows do not wait for it.
            builder.UseSetting($"{Coworker.Gateway.Authentication.AuthFailureOptions.Section}:AuditInterval", "00:00:02");
            builder.UseEnvironment("Production");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
