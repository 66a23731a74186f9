namespace Coworker.Audit;

/// <summary>The first broken link of a tenant's audit chain.</summary>
/// <param name="Tenant">The tenant whose chain is broken.</param>
/// <param name="Seq">The row where the chain breaks.</param>
/// <param name="EventId">That row's event id, when there is a row to name.</param>
/// <param name="Problem">hash_mismatch (the row was changed), prev_hash_mismatch (the link to the previous row is
/// broken), seq_gap (rows are missing), head_mismatch (rows at the end are missing).</param>
/// <param name="Expected">What the chain says should be there: a hash in hex, or "seq n".</param>
/// <param name="Found">What is there.</param>
/// <param name="Message">The break in words, for an operator.</param>
[GenerateSerializer, Immutable, Alias("Coworker.AuditChainBreak")]
public sealed record AuditChainBreak(
    [property: Id(0)] string Tenant,
    [property: Id(1)] long Seq,
    [property: Id(2)] Guid? EventId,
    [property: Id(3)] string Problem,
    [property: Id(4)] string Expected,
    [property: Id(5)] string Found,
    [property: Id(6)] string Message);
