namespace Coworker.Storage.Audit;

/// <summary>Outcome of walking the audit chains: intact when no tenant has a fault.</summary>
/// <param name="Faults">The first broken link of each broken tenant, in tenant order (at most <see cref="AuditVerifier.MaxFaults"/>).</param>
public sealed record AuditChainReport(int TenantsChecked, long EventsChecked, IReadOnlyList<AuditChainFault> Faults)
{
    public bool Intact => Faults.Count == 0;
}
