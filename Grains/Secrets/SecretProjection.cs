using Npgsql;

namespace Coworker.Secrets;

/// <summary>
/// The coworker.secrets listing: tenant, name, kind, key version and approved hosts of each secret, upserted after
/// the secret grain's state is written. Values, masks and ciphertexts are never written here.
/// </summary>
public sealed class SecretProjection(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task UpsertAsync(string tenant, string name, SecretKind kind, int dataKeyVersion, DateTimeOffset updatedAt, IReadOnlyList<string> allowedHosts)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO coworker.secrets (tenant_id, name, kind, data_key_version, updated_at, allowed_hosts) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, name) DO UPDATE
            SET kind = EXCLUDED.kind, data_key_version = EXCLUDED.data_key_version, updated_at = EXCLUDED.updated_at,
                allowed_hosts = EXCLUDED.allowed_hosts
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = kind.ToString() });
        command.Parameters.Add(new() { Value = dataKeyVersion });
        command.Parameters.Add(new() { Value = updatedAt });
        command.Parameters.Add(new() { Value = allowedHosts.ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    public async Task DeleteAsync(string tenant, string name)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM coworker.secrets WHERE tenant_id = $1 AND name = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<SecretSummary>> ListAsync(string tenant)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT name, kind, updated_at, data_key_version, allowed_hosts FROM coworker.secrets WHERE tenant_id = $1 ORDER BY name");
        command.Parameters.Add(new() { Value = tenant });
        var result = new List<SecretSummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new SecretSummary(
                reader.GetString(0), Enum.Parse<SecretKind>(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3),
                reader.GetFieldValue<string[]>(4)));
        }

        return result;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
