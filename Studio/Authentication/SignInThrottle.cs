using System.Globalization;
using Coworker.ServiceDefaults.Security;

namespace Coworker.Studio.Authentication;

/// <summary>
/// Limits wrong admin keys per source address: after <see cref="MaxFailures"/> refusals in <see cref="Window"/>,
/// the sign-in form refuses that address (without checking the key it sends, so guessing stops paying) until the
/// window closes, and says when to try again. Per address only: there is one admin key, so a limit on the key itself
/// would let anyone lock the operators out. In-process: a Studio behind a balancer limits per instance.
/// </summary>
public sealed partial class SignInThrottle(TimeProvider time, ILogger<SignInThrottle> logger)
{
    public const int MaxFailures = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly FailureLimiter _limiter = new(MaxFailures, Window, time, maxSources: 10_000);

    public TimeSpan? RetryAfter(HttpContext context) => _limiter.RetryAfter(SourceOf(context));

    public void Refused(HttpContext context)
    {
        var source = SourceOf(context);
        if (_limiter.RecordFailure(source))
        {
            LogLimited(source, MaxFailures, Window);
        }
    }

    /// <summary>What the form says to a throttled address: how long to wait, and until when (UTC).</summary>
    public string Message(TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        var span = wait >= TimeSpan.FromMinutes(1)
            ? $"{Math.Ceiling(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes"
            : $"{Math.Ceiling(Math.Max(1, wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} seconds";
        return $"Too many wrong keys from your address. Try again in {span} (after {until.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC).";
    }

    private static string SourceOf(HttpContext context) => SourceAddress.Of(context.Connection.RemoteIpAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio sign-in: {Source} gave {Count} wrong admin keys within {Window}; its sign-ins are refused until the window closes")]
    private partial void LogLimited(string source, int count, TimeSpan window);
}
