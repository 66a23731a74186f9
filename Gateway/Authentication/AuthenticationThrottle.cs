using Coworker.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Refused credentials, per source: counted against a limit and summed for the audit. A source over the limit is
/// answered 429 with Retry-After before its credential is looked at — no hash, no grain call — so trying keys at
/// line rate costs the cluster nothing and the audit one row per interval.
/// </summary>
public sealed partial class AuthenticationThrottle(
    IOptions<AuthFailureOptions> options, AuthFailureAggregator aggregator, TimeProvider time, ILogger<AuthenticationThrottle> logger)
{
    private readonly FailureLimiter _limiter = new(
        options.Value.MaxFailuresPerWindow, options.Value.Window, time, options.Value.MaxSources);

    public TimeSpan? RetryAfter(HttpContext context) => _limiter.RetryAfter(SourceOf(context));

    /// <summary>A credential was refused (401): counts against the source and goes into its audit summary.</summary>
    public void Refused(HttpContext context, string credential, string reason, string? claimedTenant)
    {
        var source = SourceOf(context);
        if (_limiter.RecordFailure(source))
        {
            LogLimited(source, options.Value.MaxFailuresPerWindow, options.Value.Window);
        }

        aggregator.Record(source, RouteOf(context), credential, reason, claimedTenant, throttled: false);
    }

    /// <summary>A credential was not looked at because its source is over the limit (429).</summary>
    public void Throttled(HttpContext context) =>
        aggregator.Record(SourceOf(context), RouteOf(context), "unchecked", "too_many_failures", null, throttled: true);

    public static string SourceOf(HttpContext context) => SourceAddress.Of(context.Connection.RemoteIpAddress);

    private static string RouteOf(HttpContext context) => $"{context.Request.Method} {context.Request.Path}";

    /// <summary>Once per source and window, when it reaches the limit (not per refused request: that would be a flood).</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} presented {Count} refused credentials within {Window}: its requests with credentials are answered 429 until the window closes")]
    private partial void LogLimited(string source, int count, TimeSpan window);
}
