using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Coworker.Execution;

/// <summary>
/// Retries and circuit breaking for upstream calls (Microsoft.Extensions.Http.Resilience). Retries only
/// for idempotent methods, so a POST that may have reached the upstream is never sent twice. The whole-call
/// timeout is UpstreamExecutor's, around all attempts.
/// </summary>
public static class UpstreamResilience
{
    public const int MaxRetries = 2;

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(
                IsIdempotent(args.Context.GetRequestMessage()?.Method) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        });
    }

    public static bool IsIdempotent(HttpMethod? method) =>
        method is not null && (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace);
}
