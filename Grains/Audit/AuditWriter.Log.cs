using Microsoft.Extensions.Logging;

namespace Coworker.Audit;

public sealed partial class AuditWriter
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Audit writer consuming {Stream} as {Consumer}")]
    private partial void LogConsuming(string stream, string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit writer lost its consumer on {Stream}, will reconnect: {Reason}")]
    private partial void LogConsumerFailed(string stream, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit batch of {Count} events from {Messages} messages written ({Written} new rows) in {Milliseconds} ms")]
    private partial void LogBatchWritten(int count, int messages, int written, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit batch of {Count} events refused ({SqlState} {Reason}); writing them one by one")]
    private partial void LogBatchRefused(int count, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {EventId} of tenant {Tenant} refused by PostgreSQL and dropped: {SqlState} {Reason}")]
    private partial void LogEventRefused(Guid eventId, string tenant, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable audit message on {Subject} dropped: {Reason}")]
    private partial void LogPoison(string subject, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit message on {Subject} dropped unread: {Problem} (only silos sign audit messages)")]
    private partial void LogUnsigned(string subject, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit batch retried after {SqlState} (attempt {Attempt})")]
    private partial void LogWriteRetried(string sqlState, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit batch not written ({Error}: {Reason}); handed back to JetStream, retrying in {Seconds} s")]
    private partial void LogWriteFailed(string error, string reason, double seconds);
}
