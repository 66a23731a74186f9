namespace Coworker.Tests.Cluster.TestGrains;

[GenerateSerializer, Alias("Coworker.Tests.TickerState")]
public sealed class TickerState
{
    [Id(0)]
    public int Ticks { get; set; }
}
