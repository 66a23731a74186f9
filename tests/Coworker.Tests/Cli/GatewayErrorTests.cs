using Coworker.Tests.Deployment;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Cli;

/// <summary>How the CLI fails: problem details, unreachable Gateways and missing settings, each in one line, never the key.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayErrorTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ABadKeyExitsNonZeroWithTheProblemDetailAndNeverEchoesTheKey()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        var wrongKey = $"cwk_{scenario.Tenant}_wrong-secret-canary-0123456789abcdef";

        foreach (var args in new[] { new[] { "tools", "list" }, ["import", scenario.Upstream.BaseUrl + "/openapi.json", "--source", "pets"] })
        {
            var result = await scenario.RunInTenantAsync([.. args, "--key", wrongKey]);

            CliScenario.AssertFailedInOneLine(result, "error: The API key is not valid.");
            Assert.DoesNotContain("wrong-secret-canary", result.Output + result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AKeyOfAnotherTenantSeesNoSuchTenant()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);

        var result = await scenario.RunAsync("tools", "list", "--tenant", "someone-else");

        CliScenario.AssertFailedInOneLine(result, "someone-else");
        Assert.DoesNotContain(scenario.OwnerKey, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableGatewayIsOneClearLine()
    {
        var result = await CoworkerCli.RunAsync(
            new Dictionary<string, string?> { ["COWORKER_API_KEY"] = GatewayFixture.AdminKey, ["COWORKER_GATEWAY_URL"] = null },
            "tools", "list", "--tenant", "any", "--gateway", "http://127.0.0.1:1");

        CliScenario.AssertFailedInOneLine(result, "error: cannot reach the Gateway at http://127.0.0.1:1: ");
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(GatewayFixture.AdminKey, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAKeyOrATenantTheCommandDoesNotRunAndSaysWhatIsMissing()
    {
        var noKey = await CoworkerCli.RunAsync(
            new Dictionary<string, string?> { ["COWORKER_API_KEY"] = null, ["COWORKER_GATEWAY_URL"] = gateway.BaseAddress.ToString() },
            "tools", "list", "--tenant", "any");
        var noTenant = await CoworkerCli.RunAsync(
            new Dictionary<string, string?> { ["COWORKER_API_KEY"] = GatewayFixture.AdminKey, ["COWORKER_GATEWAY_URL"] = gateway.BaseAddress.ToString() },
            "tools", "list");

        CliScenario.AssertFailedInOneLine(noKey, "COWORKER_API_KEY", exitCode: 2);
        Assert.Equal(2, noTenant.ExitCode);
        Assert.Contains("--tenant", noTenant.Error);
    }

    [Fact]
    public async Task AnAdminKeyWorksForAnyTenant()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();

        var result = await scenario.RunInTenantAsync("tools", "list", "--key", GatewayFixture.AdminKey, "--gateway", gateway.BaseAddress.ToString());

        CliScenario.AssertSucceeded(result);
        Assert.Equal(CliScenario.PetstoreOperations, CliScenario.Rows(result.Output).Count);
    }
}
