using System.CommandLine;
using Coworker.Storage;
using Npgsql;

namespace Coworker.Cli.Commands;

/// <summary>
/// <c>coworker migrate [--connection &lt;cs&gt;]</c>: applies the schema scripts the database lacks. The same
/// <see cref="SchemaMigrator"/> runs inside every silo at start; running it here first (compose's migrator
/// service) means silos never race a long migration and a broken database fails one visible step.
/// </summary>
internal static class MigrateCommand
{
    /// <summary>The environment variable every Coworker process reads the PostgreSQL connection from.</summary>
    public const string ConnectionEnvironmentVariable = "ConnectionStrings__Postgres";

    public static Command Create()
    {
        var connection = new Option<string?>("--connection", "-c")
        {
            Description = $"Npgsql connection string (default: the {ConnectionEnvironmentVariable} environment variable).",
        };
        var command = new Command("migrate", "Apply the PostgreSQL schema scripts the database lacks; safe to repeat and to run beside starting silos.")
        {
            connection,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync(
                $"coworker migrate: no PostgreSQL connection string. Pass --connection \"Host=...;Database=...\" or set {ConnectionEnvironmentVariable}.");
            return ExitCodes.Usage;
        }

        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql names the offending keyword, never its value, so the message cannot leak a password.
            await error.WriteLineAsync($"coworker migrate: the connection string is not valid: {ex.Message}");
            return ExitCodes.Usage;
        }

        var where = $"{target.Host ?? "localhost"}:{target.Port}/{target.Database ?? target.Username}";
        try
        {
            var applied = await new SchemaMigrator(connectionString).MigrateAsync(cancellationToken);
            foreach (var name in applied)
            {
                await output.WriteLineAsync($"applied {name}");
            }

            await output.WriteLineAsync(applied.Count == 0
                ? $"{where}: schema is up to date ({SchemaMigrator.Migrations.Count} scripts), nothing to apply."
                : $"{where}: applied {applied.Count} of {SchemaMigrator.Migrations.Count} scripts.");
            return ExitCodes.Ok;
        }
        catch (PostgresException ex)
        {
            // The migrator runs in one transaction: a refusal leaves the database as it was.
            await error.WriteLineAsync($"coworker migrate: PostgreSQL at {where} refused: {ex.SqlState} {ex.MessageText}. Nothing was applied.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"coworker migrate: cannot reach PostgreSQL at {where}: {Describe(ex)}. Nothing was applied.");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("coworker migrate: cancelled. Nothing was applied.");
            return ExitCodes.Failure;
        }
    }

    // "Failed to connect to 127.0.0.1:1" alone hides the reason; the innermost exception has it.
    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, ex) ? ex.Message : $"{ex.Message} ({inner.Message})";
    }
}
