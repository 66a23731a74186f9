namespace Coworker.Agents;

/// <summary>What an operator configures on an agent.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.AgentConfig")]
public sealed record AgentConfig(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] string Instructions,
    [property: Id(3)] ModelSettings Model,
    [property: Id(4)] IReadOnlyList<string> Roles,
    // Calls per minute and burst for this agent's tool calls; the platform default when null.
    [property: Id(5)] RateLimit? RateLimit = null,
    // Calls per UTC day and month for this agent; unlimited when null (the tenant's quota still applies).
    [property: Id(6)] CallQuota? CallQuota = null);

/// <summary>Which model an agent runs on; the platform stores it, clients and runtimes use it.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ModelSettings")]
public sealed record ModelSettings(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Model,
    [property: Id(2)] double Temperature,
    [property: Id(3)] int MaxOutputTokens)
{
    public static ModelSettings Default { get; } = new("openai", "gpt-4o-mini", 0.2, 4096);
}
