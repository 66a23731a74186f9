namespace Coworker.Tests.Cluster.TestGrains;

/// <summary>A test grain driven by a durable one-second reminder; every tick is persisted.</summary>
[Alias("Coworker.Tests.ITickerGrain")]
public interface ITickerGrain : IGrainWithStringKey
{
    Task StartAsync();

    Task StopAsync();

    Task<int> GetTicksAsync();
}
