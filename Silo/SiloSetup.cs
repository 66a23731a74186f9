using System.Net;
using Coworker.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Coworker.Silo;

/// <summary>
/// The one place a silo is wired: PostgreSQL (ADO.NET) clustering, grain storage and reminders, the
/// schema migration that must run before membership is read, and the grains' own services.
/// Program.cs and the test cluster both call this, so tests run the production configuration.
/// </summary>
public static class SiloSetup
{
    /// <summary>Name of the grain storage provider every Coworker grain persists to.</summary>
    public const string StorageName = "coworker";

    public static ISiloBuilder UseCoworker(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = configuration.RequirePostgres();

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = configuration[ConfigKeys.ClusterId] ?? ConfigKeys.DefaultClusterId;
            options.ServiceId = configuration[ConfigKeys.ServiceId] ?? ConfigKeys.DefaultServiceId;
        });
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = OrleansClientSetup.Invariant;
            options.ConnectionString = connectionString;
        });
        // Grain state is stored as Newtonsoft JSON. Its default ObjectCreationHandling.Auto fills an existing property
        // value in place, so a state property that starts from a shared default (TenantState.Quotas starts as
        // TenantQuotas.Default) overwrote that shared instance with the first stored tenant read back. Every tenant
        // created on that silo afterwards then got that tenant's quotas. Replace builds every value afresh.
        silo.Services.Configure<OrleansJsonSerializerOptions>(options =>
            options.JsonSerializerSettings.ObjectCreationHandling = Newtonsoft.Json.ObjectCreationHandling.Replace);
        silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = OrleansClientSetup.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = OrleansClientSetup.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddSchemaMigration(connectionString);
        silo.AddIncomingGrainCallFilter<TenantBoundaryFilter>();
        silo.AddIncomingGrainCallFilter<ToolCallCallerFilter>();
        return silo;
    }

    /// <summary>Silo and gateway ports and the advertised address, from configuration (compose sets them per replica).</summary>
    public static ISiloBuilder UseConfiguredEndpoints(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue(ConfigKeys.SiloPort, 11111);
        var gatewayPort = configuration.GetValue(ConfigKeys.GatewayPort, 30000);
        var advertised = configuration[ConfigKeys.AdvertisedIp] is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
        return silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
    }
}

public static class SiloGrainSetup
{
    /// <summary>The grains' own services (NATS events, PostgreSQL projections), from configuration.</summary>
    public static ISiloBuilder AddCoworkerGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var nats = configuration[ConfigKeys.NatsConnection] is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"No NATS URL: set {ConfigKeys.NatsConnection} (environment ConnectionStrings__Nats).");
        silo.Services.AddCoworkerGrainServices(configuration.RequirePostgres(), nats, configuration);
        silo.Services.AddSecrets(configuration.RequirePostgres(), configuration);
        return silo;
    }
}
