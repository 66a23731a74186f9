using System.Diagnostics;
using System.Text.Json;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Grpc;

/// <summary>
/// A client in another language, knowing Coworker only through Protos/: tests/grpc-node/client.js (@grpc/grpc-js and
/// @grpc/proto-loader, pinned by its package-lock.json and installed by scripts/lib.sh) lists tools and calls one.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class NodeClientTests(GatewayFixture gateway)
{
    private static string ClientDirectory => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "grpc-node");

    [Fact]
    public async Task ANodeClientBuiltFromTheProtosListsToolsAndCallsOne()
    {
        Assert.True(Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@grpc", "grpc-js")),
            $"@grpc/grpc-js is not installed: run `npm ci` in {ClientDirectory} (scripts/test.sh does it through scripts/lib.sh install_test_prerequisites).");
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var tool = scenario.Tools["GET /pets/{petId}"];

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = ClientDirectory,
            ArgumentList = { "client.js" },
            Environment =
            {
                ["COWORKER_GRPC_ADDRESS"] = $"127.0.0.1:{gateway.GrpcAddress.Port}",
                ["COWORKER_TENANT"] = scenario.Tenant,
                ["COWORKER_OWNER_KEY"] = GrpcToolsTests.OwnerKey(scenario),
                ["COWORKER_AGENT"] = "bot",
                ["COWORKER_AGENT_KEY"] = scenario.AgentKey,
                ["COWORKER_TOOL"] = tool,
                ["COWORKER_ARGUMENTS"] = """{"petId": 5}""",
            },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"node client.js exited {process.ExitCode}: {await error}");
        using var result = JsonDocument.Parse(await output);
        var tools = result.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains(tool, tools);
        var call = result.RootElement.GetProperty("call");
        Assert.Equal("ok", call.GetProperty("outcome").GetString());
        Assert.Equal(200, call.GetProperty("upstreamStatus").GetInt32());
        Assert.Contains("pet-5", call.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
