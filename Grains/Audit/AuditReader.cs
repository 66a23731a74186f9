using System.Globalization;
using System.Text;
using Coworker.Storage.Audit;
using Npgsql;

namespace Coworker.Audit;

/// <summary>Reads a tenant's audit rows with filters, in seq order; the tenant condition is always there.</summary>
public sealed class AuditReader(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(string tenant, AuditQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder(
            "SELECT id, tenant_id, seq, at, kind, actor, target, outcome, detail::text, prev_hash, hash FROM coworker.audit_events WHERE tenant_id = @tenant");
        await using var command = dataSource.CreateCommand();
        command.Parameters.AddWithValue("tenant", tenant);
        Filter(sql, command, "kind", query.Kind);
        Filter(sql, command, "actor", query.Actor);
        Filter(sql, command, "target", query.Target);
        Filter(sql, command, "outcome", query.Outcome);
        if (query.From is { } from)
        {
            sql.Append(" AND at >= @from");
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
        }

        if (query.To is { } to)
        {
            sql.Append(" AND at < @to");
            command.Parameters.AddWithValue("to", to.ToUniversalTime());
        }

        if (query.After is { } after)
        {
            sql.Append(" AND seq > @after");
            command.Parameters.AddWithValue("after", after);
        }

        sql.Append(" ORDER BY seq LIMIT @limit");
        command.Parameters.AddWithValue("limit", Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit));
        command.CommandText = sql.ToString();

        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetInt64(2),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                AuditCanonicalJson.ParseDetail(reader.GetString(8)),
                AuditChain.Hex(reader.GetFieldValue<byte[]>(9)),
                AuditChain.Hex(reader.GetFieldValue<byte[]>(10))));
        }

        return records;
    }

    private static void Filter(StringBuilder sql, NpgsqlCommand command, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(CultureInfo.InvariantCulture, $" AND {column} = @{column}");
        command.Parameters.AddWithValue(column, value);
    }
}
