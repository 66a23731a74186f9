using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coworker.Tests.Deployment;

namespace Coworker.Tests.Operations;

/// <summary>
/// A copy of scripts/ and deploy/ in a clone under a mode-700 directory (where root's clone lives on a fresh box:
/// /root is mode 700), with spare ports for PostgreSQL and NATS, so that tests run scripts/lib.sh as a user would,
/// away from the servers the other tests use. Disposing stops whatever a failed test left running and removes it all,
/// the PostgreSQL folder outside the clone included.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ScriptSandbox : IAsyncDisposable
{
    private ScriptSandbox(string root)
    {
        Root = root;
        Clone = Path.Combine(root, "clone");
        PgPort = FreePort();
        NatsPort = FreePort();
    }

    public string Root { get; }

    public string Clone { get; }

    public int PgPort { get; }

    public int NatsPort { get; }

    public string Data => Path.Combine(Clone, ".data");

    public static ScriptSandbox Create()
    {
        var root = Path.Combine(Path.GetTempPath(), $"cw-private-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var sandbox = new ScriptSandbox(root);
        foreach (var folder in new[] { "scripts", "deploy" })
        {
            var target = Path.Combine(sandbox.Clone, folder);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf(folder)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        return sandbox;
    }

    /// <summary>Starts <c>bash -c script</c> in the clone, without the test run's own connection settings.</summary>
    public ScriptRun Start(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Clone,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var key in new[] { "ConnectionStrings__Postgres", "ConnectionStrings__Nats", "COWORKER_DATA_DIR", "COWORKER_PG_DIR",
                     "COWORKER_TEST_NATS_GATEWAY_URL", "COWORKER_TEST_NATS_ADMIN_URL" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["COWORKER_PG_PORT"] = PgPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["COWORKER_NATS_PORT"] = NatsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ScriptRun(Process.Start(start)!);
    }

    public static bool Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // What a failed test may have left: NATS by its pid file, PostgreSQL by pg_ctl, as the scripts would.
        var pgDir = Directory.Exists(Path.Combine(Data, "postgres"))
            ? new DirectoryInfo(Path.Combine(Data, "postgres")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.Combine(Data, "postgres")
            : null;
        var cleanup = $"""
            pid=$(cat '{Data}/nats/nats.pid' 2>/dev/null) && kill "$pid" 2>/dev/null
            {(pgDir is null ? "" : $"cd / && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D '{pgDir}' -m immediate stop >/dev/null 2>&1")}
            true
            """;
        using (var process = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { "-c", cleanup }, UseShellExecute = false })!)
        {
            await process.WaitForExitAsync();
        }

        if (pgDir is not null && pgDir.StartsWith("/var/lib/postgresql/coworker/", StringComparison.Ordinal))
        {
            Directory.Delete(pgDir, recursive: true);
        }

        Directory.Delete(Root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
