using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Conformance;

/// <summary>
/// Runs the MCP conformance suite (npm package @modelcontextprotocol/conformance, pinned in tests/conformance)
/// with the machine's Node.js as a child process and reads the checks.json it writes per scenario.
/// </summary>
internal static partial class ConformanceSuite
{
    public const string Package = "@modelcontextprotocol/conformance";

    public static string PackageDirectory => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "conformance");

    private static string EntryPoint => Path.Combine(PackageDirectory, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");

    /// <summary>The version tests/conformance/package.json pins.</summary>
    public static string PinnedVersion()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageDirectory, "package.json")));
        return json.RootElement.GetProperty("dependencies").GetProperty(Package).GetString()!;
    }

    /// <summary>The installed version; fails with what to do when the package is not installed.</summary>
    public static string InstalledVersion()
    {
        var manifest = Path.Combine(PackageDirectory, "node_modules", "@modelcontextprotocol", "conformance", "package.json");
        Assert.True(File.Exists(manifest) && File.Exists(EntryPoint),
            $"{Package} is not installed: run `npm ci` in {PackageDirectory} (scripts/test.sh does it through scripts/lib.sh install_test_prerequisites).");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("version").GetString()!;
    }

    public sealed record Run(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    /// <summary>`conformance list --server`: every server scenario this version knows (active and pending).</summary>
    public static async Task<IReadOnlyList<string>> ListServerScenariosAsync(CancellationToken cancellationToken)
    {
        var run = await RunNodeAsync(["list", "--server"], cancellationToken);
        Assert.True(run.ExitCode == 0, $"conformance list --server exited {run.ExitCode}: {run.Output} {run.Error}");
        return run.Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();
    }

    /// <summary>`conformance server --url URL --suite all -o DIR`: one checks.json per scenario under DIR.</summary>
    public static Task<Run> RunServerSuiteAsync(Uri url, string outputDirectory, CancellationToken cancellationToken) =>
        RunNodeAsync(["server", "--url", url.ToString(), "--suite", "all", "--output-dir", outputDirectory], cancellationToken);

    /// <summary>The checks of each scenario that wrote results (a scenario that crashed the runner writes none).</summary>
    public static Dictionary<string, IReadOnlyList<Check>> ReadResults(string outputDirectory)
    {
        var results = new Dictionary<string, IReadOnlyList<Check>>(StringComparer.Ordinal);
        foreach (var dir in Directory.GetDirectories(outputDirectory))
        {
            var match = ResultDirectory().Match(Path.GetFileName(dir));
            var file = Path.Combine(dir, "checks.json");
            if (match.Success && File.Exists(file))
            {
                results[match.Groups["scenario"].Value] = JsonSerializer.Deserialize<List<Check>>(File.ReadAllText(file), JsonOptions)!;
            }
        }

        return results;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    // "server-<scenario>-<ISO timestamp with ':' and '.' replaced by '-'>"
    [GeneratedRegex(@"^server-(?<scenario>.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$")]
    private static partial Regex ResultDirectory();

    private static async Task<Run> RunNodeAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PackageDirectory,
        };
        start.ArgumentList.Add(EntryPoint);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A hung suite must not outlive the test: what it printed so far says where it hung.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"conformance {string.Join(' ', args)} did not finish within the time limit ({clock.Elapsed:mm\\:ss}).\n{Tail(output)}\n{Tail(error)}");
        }

        process.WaitForExit(); // drains the redirected streams
        return new Run(process.ExitCode, output.ToString(), error.ToString(), clock.Elapsed);
    }

    private static string Tail(StringBuilder text)
    {
        lock (text)
        {
            var s = text.ToString();
            return s.Length <= 8000 ? s : "…" + s[^8000..];
        }
    }

    public sealed record Check(
        string Id,
        string Name,
        string? Description,
        string Status,
        string? ErrorMessage,
        [property: JsonPropertyName("details")] JsonElement? Details);
}
