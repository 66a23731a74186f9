namespace Coworker.Audit;

/// <summary>
/// The cluster-wide entry point for audit events (Gateway, Studio, grains on other silos). A stateless worker:
/// it holds nothing and only hands the event to <see cref="IAuditLog"/>. Reentrant, because each call is
/// almost all waiting for JetStream's ack: without it an activation would wait for one ack at a time, and a
/// silo would record only as many events at once as it has activations (one per core).
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class AuditGrain(IAuditLog audit) : Grain, IAuditGrain
{
    public async Task RecordAsync(AuditEvent auditEvent) => await audit.RecordAsync(auditEvent);
}
