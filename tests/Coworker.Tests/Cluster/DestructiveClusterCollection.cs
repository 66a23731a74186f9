namespace Coworker.Tests.Cluster;

/// <summary>
/// Tests that kill or restart silos of their own <see cref="IsolatedCluster"/>. They run alone, after the
/// parallel collections: failure detection is tuned to seconds, and a CPU-starved silo that misses its
/// probes would be declared dead for the wrong reason.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DestructiveClusterCollection
{
    public const string Name = "cluster-destructive";
}
