using Coworker.Common;

namespace Coworker.Audit;

/// <summary>Which lifecycle events are admin changes, and the audit event each becomes.</summary>
public static class AdminChangeAudit
{
    /// <summary>Entities whose every change is audited (<see cref="CoworkerEvent.Entity"/>).</summary>
    public static readonly IReadOnlySet<string> Entities = new HashSet<string>(StringComparer.Ordinal) { "tenant", "agent", "catalog", "secret" };

    public static bool Applies(CoworkerEvent @event) => Entities.Contains(@event.Entity);

    /// <summary>
    /// Same id as the lifecycle event (one fact, two streams), target "{entity}/{id}", the action and the event's
    /// data in the detail. Events carry names and statuses only; the normalizer still screens the detail.
    /// </summary>
    public static AuditEvent From(CoworkerEvent @event)
    {
        var detail = new Dictionary<string, string>(@event.Data, StringComparer.Ordinal) { ["action"] = @event.Action };
        return new AuditEvent(@event.Id, @event.Tenant, @event.At, AuditKinds.AdminChange, @event.Actor,
            $"{@event.Entity}/{@event.EntityId}", "ok", detail);
    }
}
