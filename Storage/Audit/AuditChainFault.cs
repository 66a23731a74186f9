namespace Coworker.Storage.Audit;

/// <summary>The first broken link of one tenant's chain.</summary>
/// <param name="Seq">The row where the chain breaks (for <see cref="HeadMismatch"/>, the last row found).</param>
/// <param name="EventId">That row's event id; null when the break is a missing tail with no row to name.</param>
/// <param name="Problem">One of the constants below.</param>
/// <param name="Expected">What the chain says should be there (a hash in hex, or a seq).</param>
/// <param name="Found">What is there.</param>
public sealed record AuditChainFault(
    string Tenant,
    long Seq,
    Guid? EventId,
    string Problem,
    string Expected,
    string Found,
    string Message)
{
    /// <summary>The row's content no longer matches its hash: it was changed after it was written.</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>The row's prev_hash is not the previous row's hash: a row before it was changed, removed or inserted.</summary>
    public const string PrevHashMismatch = "prev_hash_mismatch";

    /// <summary>The row's seq does not follow the previous one: rows are missing (or duplicated).</summary>
    public const string SeqGap = "seq_gap";

    /// <summary>The chain head recorded by the writers is not the last row: rows at the end are missing.</summary>
    public const string HeadMismatch = "head_mismatch";

    public override string ToString() =>
        $"tenant {Tenant}, seq {Seq}{(EventId is { } id ? $", event {id}" : "")}: {Message} (expected {Expected}, found {Found})";
}
