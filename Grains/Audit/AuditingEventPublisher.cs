using Coworker.Common;
using Coworker.Events;

namespace Coworker.Audit;

/// <summary>
/// Decorates the lifecycle event publisher: every change of a tenant, agent, catalog or secret is also recorded
/// as an <c>admin_change</c> audit event. Like the lifecycle event, the audit event is retried in the
/// background when NATS is away, because the change it describes is already persisted.
/// </summary>
public sealed class AuditingEventPublisher(IEventPublisher inner, IAuditLog audit, AuditRetryQueue retries) : IEventPublisher
{
    public async ValueTask PublishAsync(CoworkerEvent @event, CancellationToken cancellationToken = default)
    {
        await inner.PublishAsync(@event, cancellationToken);
        if (!AdminChangeAudit.Applies(@event))
        {
            return;
        }

        var auditEvent = AdminChangeAudit.From(@event);
        try
        {
            await audit.RecordAsync(auditEvent, cancellationToken);
        }
        catch (AuditUnavailableException)
        {
            retries.Enqueue(auditEvent);
        }
    }
}
