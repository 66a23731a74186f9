using System.Net;
using Coworker.ServiceDefaults.Logging;
using Coworker.ServiceDefaults.Security;

namespace Coworker.Tests.Gateway;

/// <summary>
/// The per-source failure limit the Gateway and the Studio share, on a clock the test moves: a limited source may
/// try again when its window closes, sources never hold each other back, and a full table never blocks a newcomer.
/// </summary>
public sealed class FailureLimiterTests
{
    [Fact]
    public void ASourceIsLimitedAfterItsFailuresAndFreeAgainWhenItsWindowCloses()
    {
        var clock = new ManualClock();
        var limiter = new FailureLimiter(maxFailures: 3, window: TimeSpan.FromMinutes(1), clock);

        Assert.False(limiter.RecordFailure("10.0.0.1"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(limiter.RecordFailure("10.0.0.1"));
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
        Assert.True(limiter.RecordFailure("10.0.0.1")); // the one that reaches the limit

        Assert.Equal(TimeSpan.FromSeconds(50), limiter.RetryAfter("10.0.0.1"));
        Assert.Null(limiter.RetryAfter("10.0.0.2"));
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
        Assert.False(limiter.RecordFailure("10.0.0.1")); // a new window, counted from one
    }

    [Fact]
    public void WhenEveryTrackedSourceIsLiveANewSourceGoesUncountedInsteadOfEvictingOne()
    {
        var clock = new ManualClock();
        var limiter = new FailureLimiter(maxFailures: 1, window: TimeSpan.FromMinutes(1), clock, maxSources: 2);
        limiter.RecordFailure("a");
        limiter.RecordFailure("b");

        limiter.RecordFailure("c");

        Assert.NotNull(limiter.RetryAfter("a"));
        Assert.NotNull(limiter.RetryAfter("b"));
        Assert.Null(limiter.RetryAfter("c"));
        clock.Advance(TimeSpan.FromMinutes(1));
        limiter.RecordFailure("c"); // expired windows are swept to make room
        Assert.NotNull(limiter.RetryAfter("c"));
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void AnIpv6ClientCountsAsItsSlash64(string address, string source) =>
        Assert.Equal(source, SourceAddress.Of(IPAddress.Parse(address)));

    [Fact]
    public void LoggedValuesCannotStartALineOrCarryTerminalEscapes()
    {
        Assert.Equal("a\\nb\\r\\n\\tc\\u001b[31m\\u2028d\\\\n", LogValue.Escape("a\nb\r\n\tc\u001b[31m\u2028d\\n"));
        Assert.Equal("plain", LogValue.Escape("plain"));
        Assert.Equal(LogValue.MaxLength + 1, LogValue.Escape(new string('x', 10_000)).Length);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
