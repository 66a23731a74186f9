using Coworker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Coworker.Tests.Secrets;

/// <summary>Services of the test cluster's in-process silos, for what only runs inside a silo (the credential resolver).</summary>
internal static class SiloServices
{
    public static T Get<T>(ClusterFixture cluster, int silo = 0) where T : notnull =>
        ((InProcessSiloHandle)cluster.Cluster.GetActiveSilos().ElementAt(silo)).SiloHost.Services.GetRequiredService<T>();

    public static IEnumerable<T> All<T>(ClusterFixture cluster) where T : notnull =>
        cluster.Cluster.GetActiveSilos().Select(silo => ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<T>());
}
