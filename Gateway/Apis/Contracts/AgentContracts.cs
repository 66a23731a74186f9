using Coworker.Agents;

namespace Coworker.Gateway.Apis.Contracts;

public sealed record CreateAgentRequest(
    string? Id, string? Name, string? Description, string? Instructions, ModelSettings? Model, IReadOnlyList<string>? Roles, RateLimit? RateLimit,
    CallQuota? CallQuota = null)
{
    public AgentConfig ToConfig() => new(Name ?? "", Description ?? "", Instructions ?? "", Model ?? ModelSettings.Default, Roles ?? [], RateLimit, CallQuota);
}

public sealed record UpdateAgentRequest(
    string? Name, string? Description, string? Instructions, ModelSettings? Model, IReadOnlyList<string>? Roles, RateLimit? RateLimit,
    CallQuota? CallQuota = null)
{
    public AgentConfig ToConfig() => new(Name ?? "", Description ?? "", Instructions ?? "", Model ?? ModelSettings.Default, Roles ?? [], RateLimit, CallQuota);
}

public sealed record CreateAgentKeyRequest(string? Name);

public sealed record SuspendAgentRequest(string? Reason, DateTimeOffset? Until);
