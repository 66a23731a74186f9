namespace Coworker.Agents;

/// <summary>
/// Tool calls counted in the current UTC day and month against a <see cref="CallQuota"/>. It is grain state of its
/// own (the agent's and the tenant's "usage"), written a few seconds after it changes rather than on every call; see
/// <see cref="DeferredStateWriter{T}"/> for what a crash can cost. Periods roll over by themselves when the clock
/// passes midnight or the first of the month (UTC).
/// </summary>
[GenerateSerializer, Alias("Coworker.CallCounter")]
public sealed class CallCounter
{
    /// <summary>How long after a change the counters are written: what a crashed silo can lose at most.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(5);

    [Id(0)] public DateOnly Day { get; set; }
    [Id(1)] public long CallsToday { get; set; }
    /// <summary>The first day of the counted month.</summary>
    [Id(2)] public DateOnly Month { get; set; }
    [Id(3)] public long CallsThisMonth { get; set; }

    /// <summary>How many more calls the quota allows now (int.MaxValue when unlimited).</summary>
    public int Remaining(CallQuota? quota, DateTimeOffset now)
    {
        Roll(now);
        var left = long.MaxValue;
        if (quota?.PerDay is { } perDay)
        {
            left = Math.Min(left, perDay - CallsToday);
        }

        if (quota?.PerMonth is { } perMonth)
        {
            left = Math.Min(left, perMonth - CallsThisMonth);
        }

        return (int)Math.Clamp(left, 0, int.MaxValue);
    }

    /// <summary>
    /// Why no call is left, and when the period that ran out resets (the later one when both did); null while calls remain.
    /// <paramref name="whose"/> names the quota's owner in the message ("agent's", "tenant's").
    /// </summary>
    public (string Message, TimeSpan RetryAfter)? Exhaustion(CallQuota? quota, DateTimeOffset now, string whose)
    {
        Roll(now);
        var monthOut = quota?.PerMonth is { } perMonth && CallsThisMonth >= perMonth;
        var dayOut = quota?.PerDay is { } perDay && CallsToday >= perDay;
        if (monthOut)
        {
            var resets = MonthEnd(Month);
            return ($"The {whose} monthly quota of {quota!.PerMonth} tool calls is used up; it resets at {resets:yyyy-MM-dd HH:mm} UTC.", resets - now);
        }

        if (dayOut)
        {
            var resets = DayEnd(Day);
            return ($"The {whose} daily quota of {quota!.PerDay} tool calls is used up; it resets at {resets:yyyy-MM-dd HH:mm} UTC.", resets - now);
        }

        return null;
    }

    public void Count(int calls, DateTimeOffset now)
    {
        Roll(now);
        CallsToday += calls;
        CallsThisMonth += calls;
    }

    /// <summary>
    /// Takes back calls counted but not made (a lease's unused units, a call another limit refused). Units leased
    /// before midnight and returned after it come off the new day: at most one lease's worth, never below zero.
    /// </summary>
    public void Uncount(int calls, DateTimeOffset now)
    {
        Roll(now);
        CallsToday = Math.Max(0, CallsToday - calls);
        CallsThisMonth = Math.Max(0, CallsThisMonth - calls);
    }

    public CallUsage ToUsage(CallQuota? quota, DateTimeOffset now)
    {
        Roll(now);
        return new CallUsage(
            new UsagePeriod(Start(Day), DayEnd(Day), CallsToday, quota?.PerDay),
            new UsagePeriod(Start(Month), MonthEnd(Month), CallsThisMonth, quota?.PerMonth));
    }

    private void Roll(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (Day != today)
        {
            Day = today;
            CallsToday = 0;
        }

        var month = new DateOnly(today.Year, today.Month, 1);
        if (Month != month)
        {
            Month = month;
            CallsThisMonth = 0;
        }
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset DayEnd(DateOnly day) => Start(day.AddDays(1));

    private static DateTimeOffset MonthEnd(DateOnly month) => Start(month.AddMonths(1));
}
