using System.Diagnostics;
using NATS.Client.Core;
using NATS.Net;
using Npgsql;

namespace Coworker.Tests.Operations;

/// <summary>
/// scripts/lib.sh, which scripts/run.sh, scripts/test.sh and the bench share, run from a clone in a private directory:
/// PostgreSQL and an authenticated NATS start there, and whatever the script started is stopped when it ends,
/// however it ends, so that another clone on the same machine can start its own.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalServersTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PostgresAndAnAuthenticatedNatsStartFromAPrivateCloneAndNothingIsLeftRunningAfterwards()
    {
        await using var sandbox = ScriptSandbox.Create();
        using var run = sandbox.Start("""
            set -euo pipefail
            source scripts/lib.sh
            stop_all_on_exit
            start_postgres
            start_nats
            echo "POSTGRES=$ConnectionStrings__Postgres"
            echo "SILO=$NATS_SILO_URL"
            echo "GATEWAY=$NATS_GATEWAY_URL"
            echo "ADMIN=$NATS_ADMIN_URL"
            echo "NATS_PID=$(cat "$DATA/nats/nats.pid")"
            echo "PG_PID=$(head -1 "$PG_DIR/postmaster.pid")"
            echo READY
            read -r _
            """);
        var started = await run.ReadUntilReadyAsync(Generous);

        await using (var postgres = new NpgsqlConnection(started["POSTGRES"]))
        {
            await postgres.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_database()", postgres);
            Assert.Equal("coworker", await query.ExecuteScalarAsync());
        }

        await AssertNatsRefusesAsync($"nats://127.0.0.1:{sandbox.NatsPort}");
        await AssertNatsRefusesAsync(new UriBuilder(started["SILO"]) { Password = "wrong" }.Uri.ToString());
        await AssertEachUserSeesOnlyItsSubjectsAsync(started["SILO"], started["GATEWAY"], started["ADMIN"]);
        foreach (var secret in new[] { Path.Combine(sandbox.Data, "nats", "nats.conf"), Path.Combine(sandbox.Data, "nats", "users.env") })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        }

        await run.Process.StandardInput.WriteLineAsync();
        Assert.Equal(0, await run.WaitForExitAsync(Generous));

        Assert.False(ScriptSandbox.Listening(sandbox.PgPort), "PostgreSQL still listens after the script ended");
        Assert.False(ScriptSandbox.Listening(sandbox.NatsPort), "NATS still listens after the script ended");
        Assert.False(Alive(started["NATS_PID"]), "nats-server still runs after the script ended");
        Assert.False(Alive(started["PG_PID"]), "postgres still runs after the script ended");
    }

    [Fact]
    public async Task SigtermStopsTheAppsAndTheNatsTheScriptStartedAndEndsIt()
    {
        await using var sandbox = ScriptSandbox.Create();
        // What run.sh does, with a stand-in for the silo, Gateway and Studio.
        using var run = sandbox.Start("""
            set -euo pipefail
            source scripts/lib.sh
            stop_all_on_exit
            start_nats
            sleep 600 & APP_PIDS+=($!)
            echo "APP_PID=$!"
            echo "NATS_PID=$(cat "$DATA/nats/nats.pid")"
            echo READY
            wait -n "${APP_PIDS[@]}"
            """);
        var started = await run.ReadUntilReadyAsync(Generous);

        using (var kill = Process.Start("kill", ["-TERM", run.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal(143, await run.WaitForExitAsync(Generous));
        Assert.False(Alive(started["APP_PID"]), "the app still runs after SIGTERM");
        Assert.False(Alive(started["NATS_PID"]), "nats-server still runs after SIGTERM");
        Assert.False(ScriptSandbox.Listening(sandbox.NatsPort), "NATS still listens after SIGTERM");
    }

    [Fact]
    public async Task TheTestCommandGivesTheTestsCredentialsAndStopsThePostgresAndNatsItStarted()
    {
        await using var sandbox = ScriptSandbox.Create();
        // A stand-in dotnet: the build and test steps succeed at once, and the test step notes what the tests would get.
        var bin = Directory.CreateDirectory(Path.Combine(sandbox.Root, "bin")).FullName;
        var seen = Path.Combine(sandbox.Root, "test-environment");
        await File.WriteAllTextAsync(Path.Combine(bin, "dotnet"), $$"""
            #!/bin/sh
            [ "$1" = test ] && env | grep -E '^(ConnectionStrings__|COWORKER_TEST_NATS_)' > '{{seen}}'
            exit 0
            """);
        File.SetUnixFileMode(Path.Combine(bin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The conformance suite counts as installed (test.sh would run npm ci otherwise).
        Directory.CreateDirectory(Path.Combine(sandbox.Clone, "tests", "conformance", "node_modules"));

        using var run = sandbox.Start("bash scripts/test.sh", new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
        });
        var output = await run.Process.StandardOutput.ReadToEndAsync();

        Assert.True(await run.WaitForExitAsync(Generous) == 0, $"test.sh failed: {output} {run.Errors}");
        Assert.Contains("0 passed, 0 failed, 0 skipped", output);
        Assert.False(ScriptSandbox.Listening(sandbox.PgPort), "test.sh left PostgreSQL running");
        Assert.False(ScriptSandbox.Listening(sandbox.NatsPort), "test.sh left NATS running");
        var environment = (await File.ReadAllLinesAsync(seen)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.StartsWith("nats://silo:", environment["ConnectionStrings__Nats"], StringComparison.Ordinal);
        Assert.StartsWith("nats://gateway:", environment["COWORKER_TEST_NATS_GATEWAY_URL"], StringComparison.Ordinal);
        Assert.StartsWith("nats://admin:", environment["COWORKER_TEST_NATS_ADMIN_URL"], StringComparison.Ordinal);
        Assert.Contains($"Port={sandbox.PgPort}", environment["ConnectionStrings__Postgres"], StringComparison.Ordinal);
    }

    private static async Task AssertNatsRefusesAsync(string url)
    {
        await using var nats = new NatsClient(new NatsOpts { Url = url, ConnectTimeout = TimeSpan.FromSeconds(10) });
        var refused = await Assert.ThrowsAnyAsync<NatsException>(async () => await nats.ConnectAsync());
        Assert.Contains("Authorization", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    // The silo publishes events and audit; the gateway reads events but neither reads audit traffic nor publishes.
    private static async Task AssertEachUserSeesOnlyItsSubjectsAsync(string siloUrl, string gatewayUrl, string adminUrl)
    {
        await using var silo = new NatsClient(siloUrl);
        await using var gateway = new NatsClient(gatewayUrl);
        await using var admin = new NatsClient(adminUrl);
        await using var gatewayEvents = await gateway.Connection.SubscribeCoreAsync<string>("coworker.events.>");
        await using var gatewayAudit = await gateway.Connection.SubscribeCoreAsync<string>("coworker.audit.>");
        await using var adminAudit = await admin.Connection.SubscribeCoreAsync<string>("coworker.audit.>");
        await gateway.PingAsync();
        await admin.PingAsync();

        await silo.PublishAsync("coworker.events.acme.agent.created", "event");
        await silo.PublishAsync("coworker.audit.acme.tool_call", "audit");
        await gateway.PublishAsync("coworker.audit.acme.tool_call", "forged by the gateway");
        await silo.PingAsync();
        await gateway.PingAsync();

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("event", (await gatewayEvents.Msgs.ReadAsync(wait.Token)).Data);
        Assert.Equal("audit", (await adminAudit.Msgs.ReadAsync(wait.Token)).Data);
        // Both were delivered at the same time as the ones read above; round trips make sure they would have arrived.
        await gateway.PingAsync();
        await admin.PingAsync();
        Assert.False(gatewayAudit.Msgs.TryRead(out var leaked), $"the gateway user read audit traffic: {leaked.Data}");
        Assert.False(adminAudit.Msgs.TryRead(out var forged), $"the gateway user published on an audit subject: {forged.Data}");
    }

    // A server removes its pid file just before it exits, and an orphan is reaped by whoever reaps (a zombie counts
    // as gone): poll briefly rather than look once.
    private static bool Alive(string pid)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); DateTime.UtcNow < deadline; Thread.Sleep(200))
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat) is var text && text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return false;
            }
        }

        return true;
    }
}
