using Coworker.Audit;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Writes the refused-credential summaries of <see cref="AuthFailureAggregator"/> to the audit as their interval
/// ends, and whatever is still open when the Gateway stops. A summary the audit grain could not take is logged
/// (count and source only) and dropped: retrying it forever would let a flood of refusals pile up here.
/// </summary>
public sealed partial class AuthFailureAuditWriter(
    AuthFailureAggregator aggregator,
    IClusterClient cluster,
    IOptions<AuthFailureOptions> options,
    TimeProvider time,
    ILogger<AuthFailureAuditWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Checked a few times per interval, so a summary is written at most a quarter interval after it is due.
        var tick = TimeSpan.FromTicks(Math.Clamp(options.Value.AuditInterval.Ticks / 4, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(15).Ticks));
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(aggregator.TakeDue());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(aggregator.TakeDue(all: true));
    }

    private async Task WriteAsync(IReadOnlyList<AuthFailureSummary> summaries)
    {
        foreach (var summary in summaries)
        {
            try
            {
                await cluster.GetGrain<IAuditGrain>(0).RecordAsync(summary.ToAuditEvent());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogNotAudited(summary.Count, summary.Source, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not audit {Count} refused credentials from {Source}: {Reason}")]
    private partial void LogNotAudited(long count, string source, string reason);
}
