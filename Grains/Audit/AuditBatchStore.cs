using Coworker.Storage.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Coworker.Audit;

/// <summary>
/// Appends a batch of audit events in one transaction. Per tenant it locks the chain head (tenants always in the
/// same order, so writers on several silos queue instead of deadlocking), skips events already stored (a
/// redelivery after a commit whose ack was lost), and links each new row to the previous one by hash.
/// </summary>
public sealed class AuditBatchStore(NpgsqlDataSource dataSource, AuditPartitions partitions)
{
    /// <summary>Writes what is not stored yet and returns how many rows were added.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken)
    {
        var events = batch.DistinctBy(e => e.Id).ToList();
        if (events.Count == 0)
        {
            return 0;
        }

        await partitions.EnsureAsync(events.Select(e => e.At), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var tenants = events.Select(e => e.Tenant).Distinct().ToArray();
        var heads = await LockHeadsAsync(connection, transaction, tenants, cancellationToken);
        var stored = await StoredIdsAsync(connection, transaction, events.Select(e => e.Id).ToArray(), cancellationToken);

        var rows = new List<ChainedRow>(events.Count);
        foreach (var e in events.Where(e => !stored.Contains(e.Id)))
        {
            var (seq, prevHash) = heads[e.Tenant];
            // PostgreSQL keeps microseconds: hash the time as it will read back.
            var at = new DateTimeOffset(e.At.UtcTicks - e.At.UtcTicks % 10, TimeSpan.Zero);
            var content = new AuditRowContent(e.Id, e.Tenant, seq + 1, at, e.Kind, e.Actor, e.Target, e.Outcome, e.Detail);
            var hash = AuditChain.ComputeHash(prevHash, content);
            rows.Add(new ChainedRow(content, prevHash, hash));
            heads[e.Tenant] = (content.Seq, hash);
        }

        if (rows.Count > 0)
        {
            await InsertAsync(connection, rows, cancellationToken);
            await UpdateHeadsAsync(connection, transaction, rows, heads, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private static async Task<Dictionary<string, (long Seq, byte[] Hash)>> LockHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] tenants, CancellationToken cancellationToken)
    {
        // Byte order (COLLATE "C") for both statements: every writer takes the locks in the same sequence.
        await using (var create = new NpgsqlCommand(
            """
            INSERT INTO coworker.audit_chain_heads (tenant_id, seq, hash)
            SELECT t, 0, @genesis FROM unnest(@tenants) AS t ORDER BY t COLLATE "C"
            ON CONFLICT (tenant_id) DO NOTHING
            """, connection, transaction))
        {
            create.Parameters.AddWithValue("genesis", AuditChain.Genesis());
            create.Parameters.AddWithValue("tenants", tenants);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = new NpgsqlCommand(
            """
            SELECT tenant_id, seq, hash FROM coworker.audit_chain_heads
            WHERE tenant_id = ANY(@tenants) ORDER BY tenant_id COLLATE "C" FOR UPDATE
            """, connection, transaction);
        select.Parameters.AddWithValue("tenants", tenants);
        var heads = new Dictionary<string, (long, byte[])>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads[reader.GetString(0)] = (reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        return heads;
    }

    // Read after the head locks: no other writer can be adding rows of these tenants now.
    private static async Task<HashSet<Guid>> StoredIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM coworker.audit_events WHERE id = ANY(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        var stored = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetGuid(0));
        }

        return stored;
    }

    private static async Task InsertAsync(NpgsqlConnection connection, List<ChainedRow> rows, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY coworker.audit_events (id, tenant_id, seq, at, kind, actor, target, outcome, detail, prev_hash, hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (row, prevHash, hash) in rows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(row.Tenant, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(row.Seq, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(row.At, NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(row.Actor, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(row.Target, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(row.Outcome, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(AuditCanonicalJson.Detail(row.Detail), NpgsqlDbType.Jsonb, cancellationToken);
            await import.WriteAsync(prevHash, NpgsqlDbType.Bytea, cancellationToken);
            await import.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task UpdateHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<ChainedRow> rows,
        Dictionary<string, (long Seq, byte[] Hash)> heads, CancellationToken cancellationToken)
    {
        var changed = rows.Select(r => r.Content.Tenant).Distinct().ToArray();
        await using var command = new NpgsqlCommand(
            """
            UPDATE coworker.audit_chain_heads h SET seq = u.seq, hash = u.hash, updated_at = now()
            FROM unnest(@tenants, @seqs, @hashes) AS u(tenant_id, seq, hash)
            WHERE h.tenant_id = u.tenant_id
            """, connection, transaction);
        command.Parameters.AddWithValue("tenants", changed);
        command.Parameters.AddWithValue("seqs", changed.Select(t => heads[t].Seq).ToArray());
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = changed.Select(t => heads[t].Hash).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record ChainedRow(AuditRowContent Content, byte[] PrevHash, byte[] Hash);
}
