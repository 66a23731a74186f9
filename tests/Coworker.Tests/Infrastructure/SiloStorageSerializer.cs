using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// The serializer the silos' grain storage writes PostgreSQL rows with (its own, or the silo's default it falls back
/// to): what tests use to read stored state as a restarted silo would, or to write state as an older version did.
/// </summary>
public static class SiloStorageSerializer
{
    public static IGrainStorageSerializer Of(ClusterFixture cluster)
    {
        var silo = (InProcessSiloHandle)cluster.Cluster.Silos[0];
        return silo.ServiceProvider.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>()
            .Get(Coworker.Silo.SiloSetup.StorageName).GrainStorageSerializer ?? silo.ServiceProvider.GetRequiredService<IGrainStorageSerializer>();
    }
}
