namespace Coworker.Tests.Cluster.TestGrains;

/// <summary>A test grain whose only state is a persisted counter; it reports which silo it runs on.</summary>
[Alias("Coworker.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and persists before answering.</summary>
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<SiloAddress> GetSiloAsync();
}
