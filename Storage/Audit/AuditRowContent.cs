namespace Coworker.Storage.Audit;

/// <summary>
/// What an audit row's hash covers: every column except <c>prev_hash</c> (hashed as the prefix) and <c>hash</c>.
/// <paramref name="At"/> has microsecond precision, as PostgreSQL stores it, so a row read back hashes the same.
/// </summary>
public sealed record AuditRowContent(
    Guid Id,
    string Tenant,
    long Seq,
    DateTimeOffset At,
    string Kind,
    string Actor,
    string Target,
    string Outcome,
    IReadOnlyDictionary<string, string> Detail);
