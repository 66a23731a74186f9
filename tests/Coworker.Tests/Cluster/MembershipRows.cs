using Coworker.Tests.Infrastructure;
using Npgsql;

namespace Coworker.Tests.Cluster;

/// <summary>One silo row of the PostgreSQL membership table, read directly as an operator would.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, int Status)
{
    public const int Active = 3;
    public const int Dead = 6;

    public bool Is(SiloAddress silo) =>
        Address == silo.Endpoint.Address.ToString() && Port == silo.Endpoint.Port && Generation == silo.Generation;

    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(TestDatabase database, string clusterId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Address, Port, Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return rows;
    }

    public static async Task<int?> StatusOfAsync(TestDatabase database, string clusterId, SiloAddress silo) =>
        (await ReadAsync(database, clusterId)).SingleOrDefault(row => row.Is(silo))?.Status;
}
