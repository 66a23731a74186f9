namespace Coworker.Tests.Cluster.TestGrains;

[GenerateSerializer, Alias("Coworker.Tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}
