using Coworker.Agents;

namespace Coworker.Tests.Unit;

/// <summary>Call quotas count per UTC day and month and start afresh when the period ends.</summary>
public sealed class CallCounterTests
{
    private static readonly DateTimeOffset LateOnTheLastDay = new(2026, 11, 30, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public void ADailyQuotaRefusesTheCallAfterItsLastAndResetsAtUtcMidnight()
    {
        var counter = new CallCounter();
        var quota = new CallQuota(PerDay: 2);
        counter.Count(2, LateOnTheLastDay);

        Assert.Equal(0, counter.Remaining(quota, LateOnTheLastDay));
        var (message, retryAfter) = counter.Exhaustion(quota, LateOnTheLastDay, "agent's")!.Value;
        Assert.Equal("The agent's daily quota of 2 tool calls is used up; it resets at 2026-12-01 00:00 UTC.", message);
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);

        var nextDay = LateOnTheLastDay.AddMinutes(2);
        Assert.Null(counter.Exhaustion(quota, nextDay, "agent's"));
        Assert.Equal(2, counter.Remaining(quota, nextDay));
    }

    [Fact]
    public void AMonthlyQuotaOutlastsTheDayAndSaysWhenTheMonthEnds()
    {
        var counter = new CallCounter();
        var quota = new CallQuota(PerDay: 100, PerMonth: 3);
        counter.Count(3, LateOnTheLastDay.AddDays(-10));

        var (message, retryAfter) = counter.Exhaustion(quota, LateOnTheLastDay.AddDays(-3), "tenant's")!.Value;
        Assert.Contains("monthly quota of 3", message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) - LateOnTheLastDay.AddDays(-3), retryAfter);
        Assert.Equal(3, counter.ToUsage(quota, LateOnTheLastDay).Month.Calls);
        Assert.Equal(0, counter.ToUsage(quota, LateOnTheLastDay).Day.Calls);
        Assert.Equal(0, counter.ToUsage(quota, LateOnTheLastDay.AddDays(1)).Month.Calls);
    }

    [Fact]
    public void UnusedUnitsComeOffButNeverBelowZero()
    {
        var counter = new CallCounter();
        counter.Count(5, LateOnTheLastDay);
        counter.Uncount(3, LateOnTheLastDay);
        Assert.Equal(2, counter.ToUsage(null, LateOnTheLastDay).Day.Calls);

        // Leased before midnight, returned after: the new day does not go negative.
        counter.Uncount(4, LateOnTheLastDay.AddMinutes(5));
        var usage = counter.ToUsage(null, LateOnTheLastDay.AddMinutes(5));
        Assert.Equal((0L, 0L), (usage.Day.Calls, usage.Month.Calls));
        Assert.Equal(int.MaxValue, counter.Remaining(null, LateOnTheLastDay));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -1)]
    [InlineData(CallQuota.Max + 1, null)]
    public void OutOfRangeQuotasAreInvalid(int? perDay, int? perMonth) =>
        Assert.False(new CallQuota(perDay, perMonth).IsValid());
}
