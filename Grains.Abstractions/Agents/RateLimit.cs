namespace Coworker.Agents;

/// <summary>A token bucket: <see cref="PerMinute"/> calls refill evenly over a minute, up to <see cref="Burst"/> at once.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.RateLimit")]
public sealed record RateLimit(
    [property: Id(0)] int PerMinute,
    [property: Id(1)] int Burst)
{
    public static RateLimit AgentDefault { get; } = new(600, 60);

    public static RateLimit TenantDefault { get; } = new(6000, 600);
}
