using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coworker.Audit;

/// <summary>
/// Audit events that describe something already done (an admin change persisted before NATS went away) and so
/// must not be dropped: retried with backoff until JetStream acknowledges them. The same event id is kept, so a
/// retry that races an earlier, slow success is de-duplicated: by JetStream when both travelled alone, else by the
/// writer, which stores an event id once.
/// </summary>
public sealed partial class AuditRetryQueue(IAuditLog audit, ILogger<AuditRetryQueue> logger) : BackgroundService
{
    private readonly Channel<AuditEvent> _pending = Channel.CreateUnbounded<AuditEvent>();

    public void Enqueue(AuditEvent auditEvent)
    {
        LogDeferred(auditEvent.Id, auditEvent.Tenant);
        _pending.Writer.TryWrite(auditEvent);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var auditEvent in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var delay = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                try
                {
                    await audit.RecordAsync(auditEvent, stoppingToken);
                    break;
                }
                catch (AuditUnavailableException exception)
                {
                    LogRetry(auditEvent.Id, exception.Message);
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit event {EventId} of tenant {Tenant} not yet recorded, will retry")]
    private partial void LogDeferred(Guid eventId, string tenant);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying audit event {EventId}: {Reason}")]
    private partial void LogRetry(Guid eventId, string reason);
}
