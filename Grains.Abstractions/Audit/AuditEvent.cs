namespace Coworker.Audit;

/// <summary>
/// One audited fact: a tool call, a denial, a secret use, an authentication failure or an admin change.
/// Never holds a secret: <see cref="Detail"/> carries names, ids, outcomes and sizes, not values.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.AuditEvent")]
public sealed record AuditEvent(
    // Unique id, time-ordered (UUIDv7) so the audit table's id index grows at its end: the writer stores an id once;
    // also the JetStream message id of an event published alone.
    [property: Id(0)] Guid Id,
    // Tenant the event belongs to; "_platform" for events outside any tenant (e.g. a bad admin key).
    [property: Id(1)] string Tenant,
    [property: Id(2)] DateTimeOffset At,
    // tool_call, tool_denied, secret_use, auth_failure, admin_change, rate_limited, quota_exhausted (AuditKinds).
    [property: Id(3)] string Kind,
    // "agent:{id}", "user:{id}", "admin", "anonymous".
    [property: Id(4)] string Actor,
    // What was acted on: a tool name, "agent/{id}", "secret/{name}", a route.
    [property: Id(5)] string Target,
    // ok, denied, error, http_error, timeout, blocked, …
    [property: Id(6)] string Outcome,
    [property: Id(7)] IReadOnlyDictionary<string, string> Detail)
{
    public const string PlatformTenant = "_platform";
}
