using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Coworker.ServiceDefaults;

public static class OrleansClientSetup
{
    /// <summary>ADO.NET invariant the Orleans providers use to find Npgsql's DbProviderFactory.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Connects a Gateway or Studio process to the silos through the PostgreSQL membership table:
    /// the client finds live silo gateways there, so silos can come and go without client config.
    /// Options are read from the final configuration when the client starts (not when the host is
    /// built), so test hosts and environment overrides are honoured.
    /// </summary>
    public static IClientBuilder UseCoworkerCluster(this IClientBuilder client)
    {
        client.Services.AddOptions<ClusterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ClusterId = configuration[ConfigKeys.ClusterId] ?? ConfigKeys.DefaultClusterId;
            options.ServiceId = configuration[ConfigKeys.ServiceId] ?? ConfigKeys.DefaultServiceId;
        });
        client.UseAdoNetClustering(builder => builder.Configure<IConfiguration>((options, configuration) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = configuration.RequirePostgres();
        }));
        return client;
    }
}
