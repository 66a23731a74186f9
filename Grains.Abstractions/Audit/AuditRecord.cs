namespace Coworker.Audit;

/// <summary>
/// One stored audit row: the event, its place in the tenant's chain (<see cref="Seq"/>) and the chain's hashes
/// (lowercase hex): <see cref="Hash"/> = SHA-256(<see cref="PrevHash"/> || canonical JSON of the row), see docs/audit.md.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Tenant,
    [property: Id(2)] long Seq,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Actor,
    [property: Id(6)] string Target,
    [property: Id(7)] string Outcome,
    [property: Id(8)] IReadOnlyDictionary<string, string> Detail,
    [property: Id(9)] string PrevHash,
    [property: Id(10)] string Hash);
