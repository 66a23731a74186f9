namespace Coworker.Audit;

/// <summary>
/// Records audit events from silo code (grains, services) without a grain hop. Completes once JetStream has
/// acknowledged the event, from where it is written to PostgreSQL; throws when it could not be handed over,
/// so the caller knows the event is not recorded.
/// </summary>
public interface IAuditLog
{
    /// <exception cref="Common.CoworkerException">The event is malformed (kind, tenant, missing id).</exception>
    /// <exception cref="AuditUnavailableException">JetStream did not acknowledge the event.</exception>
    ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
