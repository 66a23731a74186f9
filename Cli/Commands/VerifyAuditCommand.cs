using System.CommandLine;
using Coworker.Storage.Audit;
using Npgsql;

namespace Coworker.Cli.Commands;

/// <summary>
/// <c>coworker verify-audit [--tenant &lt;t&gt;] [--connection &lt;cs&gt;]</c>: recomputes the audit hash chains straight
/// from PostgreSQL (no cluster needed, so it also works on a restored backup) and prints one line: the chain is
/// intact (exit 0) or where it first breaks (exit 3).
/// </summary>
internal static class VerifyAuditCommand
{
    /// <summary>Exit code when a chain is broken: distinct from "could not check" (1) and usage errors (2).</summary>
    public const int Broken = 3;

    public static Command Create()
    {
        var tenant = new Option<string?>("--tenant", "-t") { Description = "Check this tenant's chain only (default: every tenant)." };
        var connection = new Option<string?>("--connection", "-c")
        {
            Description = $"Npgsql connection string (default: the {MigrateCommand.ConnectionEnvironmentVariable} environment variable).",
        };
        var command = new Command("verify-audit", "Recompute the audit log's per-tenant hash chains and report the first broken link.")
        {
            tenant,
            connection,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(tenant),
            parseResult.GetValue(connection) ?? Environment.GetEnvironmentVariable(MigrateCommand.ConnectionEnvironmentVariable),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? tenant, string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync(
                $"coworker verify-audit: no PostgreSQL connection string. Pass --connection \"Host=...;Database=...\" or set {MigrateCommand.ConnectionEnvironmentVariable}.");
            return ExitCodes.Usage;
        }

        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql names the offending keyword, never its value, so the message cannot leak a password.
            await error.WriteLineAsync($"coworker verify-audit: the connection string is not valid: {ex.Message}");
            return ExitCodes.Usage;
        }

        await using (dataSource)
        {
            tenant = string.IsNullOrWhiteSpace(tenant) ? null : tenant.Trim();
            var scope = tenant is null ? "all tenants" : $"tenant {tenant}";
            try
            {
                var report = await new AuditVerifier(dataSource).VerifyAsync(tenant, cancellationToken);
                if (report.Intact)
                {
                    await output.WriteLineAsync(
                        $"audit chain intact: {report.EventsChecked} events in {report.TenantsChecked} tenant{(report.TenantsChecked == 1 ? "" : "s")} ({scope}).");
                    return ExitCodes.Ok;
                }

                var more = report.Faults.Count > 1 ? $" ({report.Faults.Count - 1} more tenant{(report.Faults.Count == 2 ? "" : "s")} broken)" : "";
                await output.WriteLineAsync($"audit chain BROKEN at {report.Faults[0]}{more}.");
                return Broken;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                await error.WriteLineAsync("coworker verify-audit: this database has no audit log yet; run `coworker migrate` first.");
                return ExitCodes.Failure;
            }
            catch (PostgresException ex)
            {
                await error.WriteLineAsync($"coworker verify-audit: PostgreSQL refused: {ex.SqlState} {ex.MessageText}.");
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"coworker verify-audit: cannot reach PostgreSQL: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.Message})" : "")}.");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                await error.WriteLineAsync("coworker verify-audit: cancelled.");
                return ExitCodes.Failure;
            }
        }
    }
}
