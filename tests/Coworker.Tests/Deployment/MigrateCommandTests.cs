using Coworker.Storage;
using Npgsql;

namespace Coworker.Tests.Deployment;

/// <summary>`coworker migrate`, the step compose runs before any silo starts, run as a real process.</summary>
public sealed class MigrateCommandTests
{
    private const string ConnectionVariable = "ConnectionStrings__Postgres";

    // The local server scripts/lib.sh starts; CI and scripts/test.sh export the variable.
    private static string LocalServer =>
        Environment.GetEnvironmentVariable(ConnectionVariable)
        ?? "Host=127.0.0.1;Port=55432;Username=coworker;Password=coworker;Database=coworker";

    [Fact]
    public async Task MigrateWithoutAConnectionStringSaysHowToGiveOneAndExitsNonZero()
    {
        var result = await CoworkerCli.RunAsync(new Dictionary<string, string?> { [ConnectionVariable] = null }, "migrate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--connection", result.Error);
        Assert.Contains(ConnectionVariable, result.Error);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task MigrateAgainstAnUnreachableDatabaseFailsInOneLineWithoutShowingThePassword()
    {
        var result = await CoworkerCli.RunAsync(
            new Dictionary<string, string?>(),
            "migrate", "--connection", "Host=127.0.0.1;Port=1;Username=ops;Password=hunter2-secret;Database=coworker;Timeout=5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1/coworker", result.Error);
        Assert.DoesNotContain("hunter2-secret", result.Error + result.Output);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task MigrateReadsTheConnectionFromTheEnvironmentAndReportsARefusedLogin()
    {
        var wrongPassword = new NpgsqlConnectionStringBuilder(LocalServer) { Password = "not-the-password" };

        var result = await CoworkerCli.RunAsync(new Dictionary<string, string?> { [ConnectionVariable] = wrongPassword.ConnectionString }, "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("28P01", result.Error);
        Assert.DoesNotContain("not-the-password", result.Error + result.Output);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task MigrateAppliesEveryScriptOnceThenFindsNothingToDo()
    {
        await using var database = await ScratchDatabase.CreateAsync(LocalServer);

        var first = await CoworkerCli.RunAsync(new Dictionary<string, string?>(), "migrate", "--connection", database.ConnectionString);
        var second = await CoworkerCli.RunAsync(new Dictionary<string, string?> { [ConnectionVariable] = database.ConnectionString }, "migrate");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(
            SchemaMigrator.Migrations.Select(m => $"applied {m.Name}"),
            first.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("applied ", StringComparison.Ordinal)));
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain("applied ", second.Output.Replace("nothing to apply", "", StringComparison.Ordinal));
        Assert.Contains("up to date", second.Output);
        Assert.Equal(SchemaMigrator.Migrations.Count, await database.CountAsync("coworker.schema_migrations"));
    }

    private static void AssertNoStackTrace(CoworkerCli.Result result)
    {
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception:", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
