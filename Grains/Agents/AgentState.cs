namespace Coworker.Agents;

[GenerateSerializer, Alias("Coworker.AgentState")]
public sealed class AgentState
{
    [Id(0)] public AgentConfig? Config { get; set; }
    [Id(1)] public AgentStatus Status { get; set; }
    [Id(2)] public AgentStatus StatusBeforeSuspension { get; set; }
    [Id(3)] public string? StatusReason { get; set; }
    [Id(4)] public DateTimeOffset? SuspendedUntil { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(7)] public long Version { get; set; }
    /// <summary>Agent API keys by the SHA-256 of the key.</summary>
    [Id(8)] public Dictionary<string, AgentKeyInfo> ApiKeys { get; set; } = new(StringComparer.Ordinal);
}
