using System.Net.Http.Json;
using System.Text.Json;
using Coworker.Tests.Deployment;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Cli;

/// <summary>
/// A fresh tenant that allowlists 127.0.0.1, a real upstream (the test pet store) and a scratch folder for
/// description files; runs the real `coworker` process against the test Gateway with the tenant's Owner key
/// in COWORKER_API_KEY and the Gateway in COWORKER_GATEWAY_URL, as an operator's shell would.
/// </summary>
internal sealed class CliScenario : IAsyncDisposable
{
    private readonly GatewayFixture _gateway;
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("coworker-cli-").FullName;

    private CliScenario(GatewayFixture gateway, TenantScenario tenant, TestUpstream upstream)
    {
        _gateway = gateway;
        Tenant = tenant.Tenant;
        OwnerKey = tenant.OwnerKey;
        Upstream = upstream;
    }

    /// <summary>Operations in <see cref="TestUpstream.PetstoreDescription"/>: GET/POST /pets, GET /pets/{petId}, broken, slow, huge, wrong-shape, secured.</summary>
    public const int PetstoreOperations = 8;

    public string Tenant { get; }

    public string OwnerKey { get; }

    public TestUpstream Upstream { get; }

    public static async Task<CliScenario> CreateAsync(GatewayFixture gateway)
    {
        var tenant = await TenantScenario.CreateAsync(gateway, "cli");
        using (var owner = gateway.WithKey(tenant.OwnerKey))
        {
            using var allow = await owner.PatchAsync($"/api/v1/tenants/{tenant.Tenant}", JsonContent.Create(new { networkAllowlist = new[] { "127.0.0.1" } }));
            Assert.True(allow.IsSuccessStatusCode, $"allowlisting 127.0.0.1 answered {(int)allow.StatusCode}: {await allow.Content.ReadAsStringAsync()}");
        }

        return new CliScenario(gateway, tenant, await TestUpstream.StartAsync());
    }

    /// <summary>Runs `coworker {args}` with the Gateway URL and the Owner key taken from the environment.</summary>
    public Task<CoworkerCli.Result> RunAsync(params string[] args) =>
        CoworkerCli.RunAsync(new Dictionary<string, string?>
        {
            ["COWORKER_GATEWAY_URL"] = _gateway.BaseAddress.ToString(),
            ["COWORKER_API_KEY"] = OwnerKey,
        }, args);

    /// <summary>Runs `coworker {args} --tenant {tenant}`.</summary>
    public Task<CoworkerCli.Result> RunInTenantAsync(params string[] args) => RunAsync([.. args, "--tenant", Tenant]);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Imports the upstream's pet store description from a file and asserts the import succeeded.</summary>
    public async Task<CoworkerCli.Result> ImportPetstoreAsync(string source = "pets")
    {
        var result = await RunInTenantAsync("import", WriteFile("petstore.json", TestUpstream.PetstoreDescription(Upstream.BaseUrl)), "--source", source);
        AssertSucceeded(result);
        return result;
    }

    /// <summary>The name of the tool generated from an operation such as "GET /pets/{petId}", read with `tools list --json`.</summary>
    public async Task<string> ToolForAsync(string operation)
    {
        var list = await RunInTenantAsync("tools", "list", "--json");
        AssertSucceeded(list);
        using var tools = JsonDocument.Parse(list.Output);
        return tools.RootElement.EnumerateArray()
            .Single(t => t.GetProperty("operation").GetString() == operation)
            .GetProperty("name").GetString()!;
    }

    public static void AssertSucceeded(CoworkerCli.Result result) =>
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\nstdout: {result.Output}\nstderr: {result.Error}");

    /// <summary>Asserts stdout contains <paramref name="text"/>; the message shows both streams.</summary>
    public static void AssertPrinted(CoworkerCli.Result result, string text) =>
        Assert.True(result.Output.Contains(text, StringComparison.Ordinal), $"stdout lacks \"{text}\"\nstdout: {result.Output}\nstderr: {result.Error}");

    /// <summary>One "error: ..." line on stderr, a non-zero exit, and nothing that looks like a .NET stack trace.</summary>
    public static void AssertFailedInOneLine(CoworkerCli.Result result, string expected, int exitCode = 1)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}, got {result.ExitCode}\nstdout: {result.Output}\nstderr: {result.Error}");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    /// <summary>The rows of a table the CLI printed (header removed), split on runs of spaces.</summary>
    public static IReadOnlyList<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await Upstream.DisposeAsync();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
