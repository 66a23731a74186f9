using System.Data;
using System.Text.RegularExpressions;
using Npgsql;

namespace Coworker.Tests.Storage;

/// <summary>
/// The OrleansQuery rows are the whole contract between the Orleans ADO.NET providers and our schema: a
/// missing key stops a silo at start, a wrong parameter or column name breaks it at the first call.
/// </summary>
public sealed partial class OrleansQueryCatalogTests(MigratedDatabase migrated) : IClassFixture<MigratedDatabase>
{
    public static TheoryData<string> Keys => new(ProviderQueries.All.Select(q => q.Key));

    [Fact]
    public async Task OrleansQueryHoldsExactlyTheKeysTheProvidersLookUp()
    {
        var stored = await ReadCatalogAsync();

        Assert.Equal(ProviderQueries.All.Select(q => q.Key).Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryQueryUsesOnlyParametersItsProviderBinds()
    {
        var stored = await ReadCatalogAsync();

        foreach (var query in ProviderQueries.All)
        {
            var used = Placeholder().Matches(stored[query.Key]).Select(m => m.Groups[1].Value).Distinct();
            Assert.All(used, name => Assert.True(query.Parameters.Contains(name), $"{query.Key} uses @{name}, which the provider never binds."));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task QueryRunsWithTheProvidersParameterTypesAndReturnsTheColumnsItReads(string key)
    {
        var query = ProviderQueries.All.Single(q => q.Key == key);
        var stored = await ReadCatalogAsync();
        await using var connection = new NpgsqlConnection(migrated.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(stored[key], connection, transaction);
        foreach (var name in query.Parameters)
        {
            command.Parameters.Add(SampleParameter(name));
        }

        IReadOnlyList<string> columns;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        }

        await transaction.RollbackAsync();
        if (query.Result is null)
        {
            Assert.Single(columns);
        }
        else
        {
            Assert.Equal(query.Result.Count == 0, columns.Count == 0);
            Assert.All(query.Result, name => Assert.Contains(name, columns, StringComparer.OrdinalIgnoreCase));
        }
    }

    private async Task<Dictionary<string, string>> ReadCatalogAsync()
    {
        await using var connection = new NpgsqlConnection(migrated.ConnectionString);
        await connection.OpenAsync();
        // The exact statement the providers run at start.
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var catalog = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            catalog.Add(reader.GetString(0), reader.GetString(1));
        }

        return catalog;
    }

    /// <summary>A value of the CLR type and DbType the provider binds for this parameter name.</summary>
    private static NpgsqlParameter SampleParameter(string name)
    {
        var now = DateTime.UtcNow;
        (object? value, DbType type) = name switch
        {
            "Address" or "GrainId" => ("127.0.0.1", DbType.AnsiString),
            "Port" or "Generation" or "Status" or "ProxyPort" or "Version" or "Period" => ((object?)1, DbType.Int32),
            "GrainIdHash" or "GrainTypeHash" or "GrainHash" or "BeginHash" or "EndHash" => (-5, DbType.Int32),
            "GrainIdN0" or "GrainIdN1" => (0L, DbType.Int64),
            "StartTime" or "IAmAliveTime" => (now, DbType.DateTime),
            "GrainStateVersion" => (null, DbType.Int32),
            "PayloadBinary" => (new byte[] { 1, 2, 3 }, DbType.Binary),
            _ => ($"sample-{name}", DbType.String),
        };
        return new NpgsqlParameter { ParameterName = name, Value = value ?? DBNull.Value, DbType = type };
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Placeholder();
}
