using Npgsql;

namespace Coworker.Catalog.Tools;

/// <summary>Writes and queries coworker.tools, the listing projection of Tool grains.</summary>
public sealed class ToolProjection(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(ToolInfo tool, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO coworker.tools (tenant_id, name, title, status, source_id, operation, latest_version, published_version, review_flags, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (tenant_id, name) DO UPDATE SET title = EXCLUDED.title, status = EXCLUDED.status, source_id = EXCLUDED.source_id,
                operation = EXCLUDED.operation, latest_version = EXCLUDED.latest_version, published_version = EXCLUDED.published_version,
                review_flags = EXCLUDED.review_flags, updated_at = EXCLUDED.updated_at
            """);
        var d = tool.Definition;
        command.Parameters.Add(new() { Value = tool.Tenant });
        command.Parameters.Add(new() { Value = tool.Name });
        command.Parameters.Add(new() { Value = d.Title });
        command.Parameters.Add(new() { Value = tool.Status.ToString() });
        command.Parameters.Add(new() { Value = d.Origin.SourceId });
        command.Parameters.Add(new() { Value = d.Origin.Operation });
        command.Parameters.Add(new() { Value = tool.LatestVersion });
        command.Parameters.Add(new() { Value = (object?)tool.PublishedVersion ?? DBNull.Value });
        command.Parameters.Add(new() { Value = d.ReviewFlags.Count });
        command.Parameters.Add(new() { Value = tool.UpdatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ToolSummary>> ListAsync(string tenant, ToolFilter filter, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT name, title, status, source_id, operation, latest_version, published_version, review_flags, updated_at
            FROM coworker.tools
            WHERE tenant_id = $1 AND name > $2
              AND ($3::text IS NULL OR status = $3)
              AND ($4::text IS NULL OR source_id = $4)
              AND ($5::text IS NULL OR name ILIKE '%' || $5 || '%' OR title ILIKE '%' || $5 || '%' OR operation ILIKE '%' || $5 || '%')
            ORDER BY name LIMIT $6
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = filter.After ?? string.Empty });
        command.Parameters.Add(new() { Value = (object?)filter.Status?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.SourceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)EscapeLike(filter.Text) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = filter.Limit });
        var result = new List<ToolSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ToolSummary(
                reader.GetString(0), reader.GetString(1), Enum.Parse<ToolStatus>(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetInt32(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return result;
    }

    public async Task<IReadOnlyList<string>> ListNamesBySourceAsync(string tenant, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT name FROM coworker.tools WHERE tenant_id = $1 AND source_id = $2 ORDER BY name");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = sourceId });
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>Tools of the tenant that are not deprecated, leaving out one source's and the given names.</summary>
    public async Task<int> CountLiveAsync(string tenant, string exceptSource, IReadOnlyCollection<string> exceptNames, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM coworker.tools
            WHERE tenant_id = $1 AND status <> 'Deprecated' AND source_id <> $2 AND NOT (name = ANY($3))
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = exceptSource });
        command.Parameters.Add(new() { Value = exceptNames.ToArray() });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string? EscapeLike(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
