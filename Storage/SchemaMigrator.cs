using System.Reflection;
using Npgsql;

namespace Coworker.Storage;

/// <summary>
/// Applies the embedded, numbered SQL scripts (Migrations/NNNN_name.sql) in order, once each, recording
/// them in coworker.schema_migrations. A transaction-scoped advisory lock serialises concurrent runs,
/// so two silos starting together against an empty database both succeed and the scripts run once.
/// </summary>
public sealed class SchemaMigrator(string connectionString)
{
    // Arbitrary, fixed: every Coworker process takes the same lock id.
    private const long AdvisoryLockId = 0x436F776F726B6572; // "Coworker"

    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    /// <summary>Applies what is missing and returns the names of the scripts this call applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockId})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE SCHEMA IF NOT EXISTS coworker;
            CREATE TABLE IF NOT EXISTS coworker.schema_migrations (
                version int PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM coworker.schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var appliedNow = new List<string>();
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO coworker.schema_migrations (version, name) VALUES (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            appliedNow.Add(migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        return appliedNow;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IReadOnlyList<Migration> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        const string prefix = "Coworker.Storage.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var fileName = name[prefix.Length..^".sql".Length];
                var version = int.Parse(fileName[..fileName.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new Migration(version, fileName, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }
}

/// <summary>One numbered SQL script.</summary>
public sealed record Migration(int Version, string Name, string Sql);
