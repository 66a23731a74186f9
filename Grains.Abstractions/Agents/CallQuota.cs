namespace Coworker.Agents;

/// <summary>
/// How many tool calls may be made per UTC calendar day and per UTC calendar month; a null period is unlimited.
/// Unlike a <see cref="RateLimit"/>, which smooths bursts and refills within a minute, a quota is a budget: once
/// it is used up, calls are refused until the period ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.CallQuota")]
public sealed record CallQuota(
    [property: Id(0)] int? PerDay = null,
    [property: Id(1)] int? PerMonth = null)
{
    public const int Max = 1_000_000_000;

    // A method, not a property: it must not travel with the quota in API answers or stored state.
    public bool IsValid() => PerDay is null or (>= 1 and <= Max) && PerMonth is null or (>= 1 and <= Max);
}

/// <summary>Tool calls counted against a quota in the current UTC day and month.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.CallUsage")]
public sealed record CallUsage(
    [property: Id(0)] UsagePeriod Day,
    [property: Id(1)] UsagePeriod Month);

/// <summary>One quota period: when it started and ends, the calls counted in it, and its limit (null: unlimited).</summary>
[GenerateSerializer, Immutable, Alias("Coworker.UsagePeriod")]
public sealed record UsagePeriod(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset ResetsAt,
    [property: Id(2)] long Calls,
    [property: Id(3)] int? Limit);
