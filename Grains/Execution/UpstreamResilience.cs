using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Coworker.Execution;

/// <summary>
/// Retries and circuit breaking for upstream calls (Microsoft.Extensions.Http.Resilience), one pipeline per
/// tenant and upstream host (<see cref="UpstreamPipelineKey"/>). Retries only for idempotent methods, so a POST
/// that may have reached the upstream is never sent twice. Only the upstream's own failures count (5xx, 408, 429,
/// a connection that failed): a refusal of ours (the SSRF guard) is neither retried nor counted, and neither are
/// our whole-call timeout (a cancellation, which the predicates do not handle) and the response size cap (read
/// after the pipeline has returned the response). The whole-call timeout is UpstreamExecutor's, around all attempts.
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
                IsIdempotent(args.Context.GetRequestMessage()?.Method) && IsUpstreamFailure(args.Outcome)),
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
            ShouldHandle = args => ValueTask.FromResult(IsUpstreamFailure(args.Outcome)),
        });
    }

    /// <summary>A transient failure of the upstream itself, as opposed to one of our own refusals.</summary>
    public static bool IsUpstreamFailure(Outcome<HttpResponseMessage> outcome) =>
        UpstreamBlockedException.FindIn(outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(outcome);

    public static bool IsIdempotent(HttpMethod? method) =>
        method is not null && (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace);
}
