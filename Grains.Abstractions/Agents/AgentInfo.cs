namespace Coworker.Agents;

[GenerateSerializer, Immutable, Alias("Coworker.AgentInfo")]
public sealed record AgentInfo(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Id,
    [property: Id(2)] AgentConfig Config,
    [property: Id(3)] AgentStatus Status,
    [property: Id(4)] string? StatusReason,
    [property: Id(5)] DateTimeOffset? SuspendedUntil,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] long Version);
