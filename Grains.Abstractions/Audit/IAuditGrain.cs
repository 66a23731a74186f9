namespace Coworker.Audit;

/// <summary>
/// Entry point for audit events from anywhere in the cluster or from the Gateway (a stateless worker:
/// it only hands the event to the durable pipeline — NATS JetStream, then batched into PostgreSQL).
/// </summary>
[Alias("Coworker.IAuditGrain")]
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Returns once JetStream has acknowledged the event.</summary>
    Task RecordAsync(AuditEvent auditEvent);
}
