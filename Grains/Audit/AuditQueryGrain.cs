using Coworker.Storage.Audit;

namespace Coworker.Audit;

/// <summary>
/// Reads and verifies one tenant's audit log (the key). A stateless worker: PostgreSQL does the work, and the
/// key is the only tenant it ever names in a query. Reentrant: a long verification does not hold up queries.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class AuditQueryGrain(AuditReader reader, AuditVerifier verifier) : Grain, IAuditQueryGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw Common.CoworkerException.Validation("'from' must be before 'to'.");
        }

        return reader.QueryAsync(Tenant, query);
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        var report = await verifier.VerifyAsync(Tenant);
        var fault = report.Faults.FirstOrDefault();
        return new AuditVerification(Tenant, report.Intact, report.EventsChecked, fault is null
            ? null
            : new AuditChainBreak(fault.Tenant, fault.Seq, fault.EventId, fault.Problem, fault.Expected, fault.Found, fault.Message));
    }
}
