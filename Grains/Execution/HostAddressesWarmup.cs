using Microsoft.Extensions.Hosting;

namespace Coworker.Execution;

/// <summary>Reads this machine's own addresses when the host starts, so the first upstream call does not wait for them.</summary>
public sealed class HostAddressesWarmup : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await HostAddresses.GetAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
