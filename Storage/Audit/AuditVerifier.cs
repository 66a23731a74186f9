using System.Data;
using Npgsql;

namespace Coworker.Storage.Audit;

/// <summary>
/// Walks the audit chains in seq order, recomputing every hash, and reports each broken tenant's first broken
/// link. Reads one snapshot (REPEATABLE READ), so events appended meanwhile never look like a broken head.
/// Used by the silo (GET …/audit/verify) and by <c>coworker verify-audit</c>, straight against PostgreSQL.
/// </summary>
public sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    public const int MaxFaults = 100;

    /// <param name="tenant">One tenant, or null for all of them.</param>
    public async Task<AuditChainReport> VerifyAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var heads = await ReadHeadsAsync(connection, transaction, tenant, cancellationToken);
        var faults = new List<AuditChainFault>();
        var tenants = 0;
        long events = 0;

        await using (var command = new NpgsqlCommand(
            $"""
            SELECT tenant_id, id, seq, at, kind, actor, target, outcome, detail::text, prev_hash, hash
            FROM coworker.audit_events {(tenant is null ? "" : "WHERE tenant_id = @tenant")}
            ORDER BY tenant_id, seq
            """, connection, transaction))
        {
            if (tenant is not null)
            {
                command.Parameters.AddWithValue("tenant", tenant);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            TenantWalk? walk = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var rowTenant = reader.GetString(0);
                if (walk?.Tenant != rowTenant)
                {
                    Finish(walk, heads, faults);
                    walk = new TenantWalk(rowTenant);
                    tenants++;
                }

                events++;
                if (walk.Fault is null && faults.Count < MaxFaults)
                {
                    walk.Check(ReadRow(reader, rowTenant), reader.GetFieldValue<byte[]>(9), reader.GetFieldValue<byte[]>(10));
                }
            }

            Finish(walk, heads, faults);
        }

        // A head with no rows at all: everything this tenant ever wrote is gone.
        foreach (var (headTenant, head) in heads.Where(h => h.Value.Seq > 0).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (faults.Count < MaxFaults && !head.Seen)
            {
                tenants++;
                faults.Add(new AuditChainFault(headTenant, 0, null, AuditChainFault.HeadMismatch, $"seq {head.Seq}", "no rows",
                    $"the chain was written up to row {head.Seq} but has no rows"));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new AuditChainReport(tenants, events, faults);
    }

    private static AuditRowContent ReadRow(NpgsqlDataReader reader, string tenant) => new(
        reader.GetGuid(1),
        tenant,
        reader.GetInt64(2),
        new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        AuditCanonicalJson.ParseDetail(reader.GetString(8)));

    private static void Finish(TenantWalk? walk, Dictionary<string, Head> heads, List<AuditChainFault> faults)
    {
        if (walk is null)
        {
            return;
        }

        if (heads.TryGetValue(walk.Tenant, out var head))
        {
            head.Seen = true;
            walk.CheckHead(head.Seq, head.Hash);
        }

        if (walk.Fault is { } fault && faults.Count < MaxFaults)
        {
            faults.Add(fault);
        }
    }

    private static async Task<Dictionary<string, Head>> ReadHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string? tenant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT tenant_id, seq, hash FROM coworker.audit_chain_heads {(tenant is null ? "" : "WHERE tenant_id = @tenant")}",
            connection, transaction);
        if (tenant is not null)
        {
            command.Parameters.AddWithValue("tenant", tenant);
        }

        var heads = new Dictionary<string, Head>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads[reader.GetString(0)] = new Head(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        return heads;
    }

    private sealed class Head(long seq, byte[] hash)
    {
        public long Seq { get; } = seq;

        public byte[] Hash { get; } = hash;

        public bool Seen { get; set; }
    }
}
