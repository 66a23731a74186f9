namespace Coworker.Tenants;

/// <summary>
/// Units of the tenant-wide tool-call rate limit handed to one agent at once (<see cref="Granted"/> may be fewer
/// than asked for); when none was left, <see cref="RetryAfter"/> says when the next one will be. A disabled
/// tenant grants nothing and says so (<see cref="TenantDisabled"/>): its agents get no tool calls. A tenant whose
/// call quota is used up grants nothing either; <see cref="QuotaExhausted"/> then says which quota, for the caller.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.ToolCallLease")]
public sealed record ToolCallLease(
    [property: Id(0)] int Granted,
    [property: Id(1)] TimeSpan RetryAfter,
    [property: Id(2)] bool TenantDisabled = false,
    [property: Id(3)] string? QuotaExhausted = null);
