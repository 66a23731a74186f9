namespace Coworker.Agents;

[GenerateSerializer, Alias("Coworker.DenialReason")]
public enum DenialReason
{
    None = 0,
    AgentNotActive = 1,
    ToolNotGranted = 2,
    RateLimited = 3,
    TenantDisabled = 4,
    QuotaExhausted = 5,
}

/// <summary>The agent grain's answer to "may this agent call this tool now?"; a granted call has used one unit of quota.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.CallAuthorization")]
public sealed record CallAuthorization(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] DenialReason Reason,
    [property: Id(2)] string? Message,
    // When rate limited or out of quota: how long until a call would be allowed.
    [property: Id(3)] TimeSpan? RetryAfter)
{
    public static CallAuthorization Allow { get; } = new(true, DenialReason.None, null, null);

    public static CallAuthorization Deny(DenialReason reason, string message, TimeSpan? retryAfter = null) => new(false, reason, message, retryAfter);
}
