using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Coworker.ServiceDefaults;

public static class OrleansClientSetup
{
    /// <summary>ADO.NET invariant the Orleans providers use to find Npgsql's DbProviderFactory.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Connects a Gateway or Studio process to the silos through the PostgreSQL membership table:
    /// the client finds live silo gateways there, so silos can come and go without client config.
    /// </summary>
    public static IClientBuilder UseCoworkerCluster(this IClientBuilder client, IConfiguration configuration)
    {
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = configuration[ConfigKeys.ClusterId] ?? ConfigKeys.DefaultClusterId;
            options.ServiceId = configuration[ConfigKeys.ServiceId] ?? ConfigKeys.DefaultServiceId;
        });
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = configuration.RequirePostgres();
        });
        return client;
    }
}
