namespace Coworker.Platform;

[GenerateSerializer, Alias("Coworker.PlatformState")]
public sealed class PlatformState
{
    [Id(0)]
    public string? AdminKeyHash { get; set; }

    [Id(1)]
    public DateTimeOffset? AdminKeySetAt { get; set; }
}
