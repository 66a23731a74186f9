namespace Coworker.Studio.Cluster;

/// <summary>
/// The silos of the cluster, from Orleans' management grain: the membership table (every silo that joined,
/// including dead ones until Orleans expires them) plus each active silo's own runtime statistics.
/// </summary>
public sealed class ClusterOverview(IClusterClient cluster)
{
    public async Task<IReadOnlyList<SiloRow>> GetSilosAsync()
    {
        var management = cluster.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var rows = await Task.WhenAll(hosts.Select(async host => new SiloRow(
            host.SiloAddress.Endpoint.ToString(),
            host.ProxyPort,
            host.SiloName,
            host.HostName,
            host.Status.ToString(),
            host.StartTime,
            host.IAmAliveTime,
            host.Status == SiloStatus.Active ? await ActivationsAsync(management, host.SiloAddress) : null)));
        return [.. rows.OrderBy(row => row.IsActive ? 0 : 1).ThenBy(row => row.Name, StringComparer.Ordinal).ThenBy(row => row.Address, StringComparer.Ordinal)];
    }

    // Asked one silo at a time: a silo that died since the membership read must not hide the others.
    private static async Task<int?> ActivationsAsync(IManagementGrain management, SiloAddress silo)
    {
        try
        {
            var statistics = await management.GetRuntimeStatistics([silo]);
            return statistics.Length == 1 ? statistics[0].ActivationCount : null;
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or SiloUnavailableException)
        {
            return null;
        }
    }
}
