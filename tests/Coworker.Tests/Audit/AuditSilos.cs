using Coworker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Coworker.Tests.Audit;

/// <summary>Services of the test cluster's in-process silos: what grains inject (the audit log), one per silo.</summary>
internal static class AuditSilos
{
    public static IReadOnlyList<T> All<T>(ClusterFixture cluster) where T : notnull =>
        cluster.Cluster.GetActiveSilos()
            .Select(silo => ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<T>())
            .ToList();
}
