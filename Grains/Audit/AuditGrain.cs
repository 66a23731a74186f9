namespace Coworker.Audit;

/// <summary>
/// The cluster-wide entry point for audit events (Gateway, Studio, grains on other silos). A stateless worker:
/// it holds nothing and only hands the event to <see cref="IAuditLog"/>, so every silo can take any number of
/// these calls in parallel.
/// </summary>
[StatelessWorker]
public sealed class AuditGrain(IAuditLog audit) : Grain, IAuditGrain
{
    public async Task RecordAsync(AuditEvent auditEvent) => await audit.RecordAsync(auditEvent);
}
