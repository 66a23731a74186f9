namespace Coworker.Audit;

/// <summary>
/// Reads one tenant's audit log (the grain key is the tenant id, or <see cref="AuditEvent.PlatformTenant"/>), so a
/// query can never return another tenant's rows. A stateless worker over PostgreSQL, for the Gateway and Studio,
/// which have no database access.
/// </summary>
[Alias("Coworker.IAuditQueryGrain")]
public interface IAuditQueryGrain : IGrainWithStringKey
{
    /// <summary>Rows matching the filters, in seq order, at most <see cref="AuditQuery.MaxLimit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query);

    /// <summary>Recomputes the tenant's hash chain and reports its first broken link.</summary>
    Task<AuditVerification> VerifyAsync();
}
