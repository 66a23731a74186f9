using Grpc.Core;

namespace Coworker.Client;

/// <summary>The agent's rate limit or call quota is exhausted; try again after <see cref="RetryAfter"/>.</summary>
public sealed class CoworkerRateLimitedException : CoworkerException
{
    /// <summary>Creates the exception for a RESOURCE_EXHAUSTED answer.</summary>
    /// <param name="message">The Gateway's message.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c>: <c>RateLimited</c> or <c>QuotaExhausted</c>.</param>
    /// <param name="retryAfter">The delay from <c>google.rpc.RetryInfo</c>, if the Gateway sent one.</param>
    /// <param name="inner">The underlying gRPC failure.</param>
    public CoworkerRateLimitedException(string message, string? reason, TimeSpan? retryAfter, Exception? inner)
        : base(message, StatusCode.ResourceExhausted, reason, inner)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long to wait before the next call can succeed (the REST <c>Retry-After</c>), or null if unknown.</summary>
    public TimeSpan? RetryAfter { get; }
}
