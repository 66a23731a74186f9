using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Cli;

/// <summary>`coworker import`, the real process against the real Gateway and a real upstream.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ImportCommandTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ImportingAFileFollowsTheJobAndSummarisesEveryOperationAsAnAddedStagedTool()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);

        var import = await scenario.ImportPetstoreAsync();

        CliScenario.AssertPrinted(import, "succeeded: Test pets (openapi-3.0), 8/8 operations");
        CliScenario.AssertPrinted(import, "8 added, 0 changed, 0 removed, 0 unchanged");
        CliScenario.AssertPrinted(import, "  + showPetById (v1)");
        Assert.Contains("importing pets: 8/8 operations", import.Error); // progress goes to stderr
        var list = await scenario.RunInTenantAsync("tools", "list");
        CliScenario.AssertSucceeded(list);
        Assert.StartsWith("NAME", list.Output);
        var rows = CliScenario.Rows(list.Output);
        Assert.Equal(CliScenario.PetstoreOperations, rows.Count);
        Assert.All(rows, row => Assert.Equal("Staged", row[1]));
        Assert.Contains(rows, row => row[^2..].SequenceEqual(["GET", "/pets/{petId}"]));
    }

    [Fact]
    public async Task ReimportingFromAUrlReportsEverythingUnchanged()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();

        var again = await scenario.RunInTenantAsync("import", scenario.Upstream.BaseUrl + "/openapi.json", "--source", "pets");

        CliScenario.AssertSucceeded(again);
        CliScenario.AssertPrinted(again, "0 added, 0 changed, 0 removed, 8 unchanged");
    }

    [Fact]
    public async Task ReimportingAChangedDescriptionListsTheChangesAndKeepsThePublishedVersion()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();
        CliScenario.AssertSucceeded(await scenario.RunInTenantAsync("tools", "publish", "showPetById"));
        var changed = TestUpstream.PetstoreDescription(scenario.Upstream.BaseUrl, extraPath: true, showPetSummary: "Find one pet by its id");

        var import = await scenario.RunInTenantAsync("import", scenario.WriteFile("petstore-v2.json", changed), "--source", "pets");

        CliScenario.AssertSucceeded(import);
        CliScenario.AssertPrinted(import, $"1 added, 1 changed, 0 removed, {CliScenario.PetstoreOperations - 1} unchanged");
        CliScenario.AssertPrinted(import, "  + listPhotos (v1)");
        CliScenario.AssertPrinted(import, "  ~ showPetById (v2)");
        var list = await scenario.RunInTenantAsync("tools", "list", "--text", "showPetById");
        CliScenario.AssertSucceeded(list);
        Assert.Matches(@"(?m)^showPetById\s+Published\s+2 \(published 1\)\s+GET /pets/\{petId\}$", list.Output);
    }

    [Fact]
    public async Task ATruncatedDescriptionFailsNamingTheErrorAndImportsNothing()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        var truncated = TestUpstream.PetstoreDescription(scenario.Upstream.BaseUrl)[..200];

        var import = await scenario.RunInTenantAsync("import", scenario.WriteFile("truncated.json", truncated), "--source", "broken");

        CliScenario.AssertFailedInOneLine(import, "error: import failed (malformed): ");
        Assert.Contains("failed", import.Output);
        var list = await scenario.RunInTenantAsync("tools", "list", "--json");
        CliScenario.AssertSucceeded(list);
        Assert.Equal(0, JsonDocument.Parse(list.Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task NoWaitPrintsTheAcceptedJobAndJsonPrintsTheGatewaysJob()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        var file = scenario.WriteFile("petstore.json", TestUpstream.PetstoreDescription(scenario.Upstream.BaseUrl));

        var accepted = await scenario.RunInTenantAsync("import", file, "--source", "pets", "--no-wait");
        CliScenario.AssertSucceeded(accepted);
        Assert.Matches("Import [0-9a-f]{16} accepted", accepted.Output);

        var json = await scenario.RunInTenantAsync("import", file, "--source", "pets-again", "--json");
        CliScenario.AssertSucceeded(json);
        using var job = JsonDocument.Parse(json.Output);
        Assert.Equal("Succeeded", job.RootElement.GetProperty("status").GetString());
        Assert.Equal(CliScenario.PetstoreOperations, job.RootElement.GetProperty("operationsTotal").GetInt32());
    }

    [Fact]
    public async Task AFileThatDoesNotExistIsAUsageErrorAndNothingIsSent()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);

        var import = await scenario.RunInTenantAsync("import", "/nonexistent/petstore.json", "--source", "pets");

        CliScenario.AssertFailedInOneLine(import, "no such file: /nonexistent/petstore.json", exitCode: 2);
    }
}
