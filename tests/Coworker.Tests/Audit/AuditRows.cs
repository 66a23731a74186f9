using System.Diagnostics;
using Coworker.Tests.Infrastructure;
using Npgsql;

namespace Coworker.Tests.Audit;

/// <summary>Reads (and, for tamper tests, forges) audit rows straight from a test database.</summary>
internal static class AuditRows
{
    /// <summary>Generous: the writer batches for 200 ms; a loaded CI machine may take seconds.</summary>
    public static readonly TimeSpan LandingTimeout = TimeSpan.FromSeconds(30);

    public static async Task<long> CountAsync(TestDatabase database, string tenant, Guid? id = null)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM coworker.audit_events WHERE tenant_id = @tenant{(id is null ? "" : " AND id = @id")}", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        if (id is { } eventId)
        {
            command.Parameters.AddWithValue("id", eventId);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the tenant has at least <paramref name="count"/> rows (or <paramref name="id"/> is stored); fails after the timeout.</summary>
    public static async Task WaitForAsync(TestDatabase database, string tenant, long count = 1, Guid? id = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? LandingTimeout;
        var clock = Stopwatch.StartNew();
        long found;
        while ((found = await CountAsync(database, tenant, id)) < count)
        {
            Assert.True(clock.Elapsed < limit,
                $"only {found} of {count} audit rows of tenant {tenant}{(id is null ? "" : $" (event {id})")} landed within {limit.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    public static async Task<List<(long Seq, Guid Id, string Kind, string Actor, string Target, string Outcome, string Detail)>> ListAsync(
        TestDatabase database, string tenant)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT seq, id, kind, actor, target, outcome, detail::text FROM coworker.audit_events WHERE tenant_id = @tenant ORDER BY seq", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var rows = new List<(long, Guid, string, string, string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return rows;
    }

    /// <summary>
    /// What an attacker with superuser rights could do: switch triggers off for the session (replica mode) and
    /// rewrite a row's outcome in place.
    /// </summary>
    public static async Task TamperAsync(string connectionString, string tenant, long seq, string outcome)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            "UPDATE coworker.audit_events SET outcome = @outcome WHERE tenant_id = @tenant AND seq = @seq", connection);
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("seq", seq);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        await using var origin = new NpgsqlCommand("SET session_replication_role = origin", connection);
        await origin.ExecuteNonQueryAsync();
    }
}
