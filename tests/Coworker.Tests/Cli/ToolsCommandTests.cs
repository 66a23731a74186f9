using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Cli;

/// <summary>`coworker tools ...`, the real process against the real Gateway; test runs reach a real upstream.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ToolsCommandTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ATestRunReachesTheUpstreamThenPublishingShowsTheToolAsPublished()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();
        var showPet = await scenario.ToolForAsync("GET /pets/{petId}");

        var run = await scenario.RunInTenantAsync("tools", "test", showPet, "--args", """{"petId": 7}""");
        CliScenario.AssertSucceeded(run);
        Assert.Matches(@"(?m)^outcome\s+ok\s*$", run.Output);
        Assert.Matches(@"(?m)^status\s+200\s*$", run.Output);
        Assert.Matches(@"(?m)^latency\s+\d+ ms\s*$", run.Output);
        Assert.Contains($"GET {scenario.Upstream.BaseUrl}/pets/7", run.Output);
        Assert.Contains("matches the output schema", run.Output);
        Assert.Contains("\"pet-7\"", run.Output);

        var publish = await scenario.RunInTenantAsync("tools", "publish", showPet);
        CliScenario.AssertSucceeded(publish);
        Assert.Contains($"{showPet}: Published, version 1", publish.Output);

        var published = await scenario.RunInTenantAsync("tools", "list", "--status", "Published");
        CliScenario.AssertSucceeded(published);
        var row = Assert.Single(CliScenario.Rows(published.Output));
        Assert.Equal([showPet, "Published", "1", "GET", "/pets/{petId}"], row);
    }

    [Fact]
    public async Task ShowUnpublishAndDeprecateReportTheToolsNewState()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();
        var listPets = await scenario.ToolForAsync("GET /pets");

        var show = await scenario.RunInTenantAsync("tools", "show", listPets);
        CliScenario.AssertSucceeded(show);
        Assert.Matches(@"(?m)^status\s+Staged\s*$", show.Output);
        Assert.Contains($"GET {scenario.Upstream.BaseUrl}/pets", show.Output);
        Assert.Contains("input schema:", show.Output);

        CliScenario.AssertSucceeded(await scenario.RunInTenantAsync("tools", "publish", listPets, "--version", "1"));
        var unpublish = await scenario.RunInTenantAsync("tools", "unpublish", listPets);
        CliScenario.AssertSucceeded(unpublish);
        Assert.Contains($"{listPets}: Staged", unpublish.Output);

        var deprecate = await scenario.RunInTenantAsync("tools", "deprecate", listPets, "--reason", "replaced by search");
        CliScenario.AssertSucceeded(deprecate);
        Assert.Contains($"{listPets}: Deprecated (replaced by search)", deprecate.Output);
        var deprecated = await scenario.RunInTenantAsync("--json", "tools", "list", "--status", "Deprecated");
        CliScenario.AssertSucceeded(deprecated);
        var only = Assert.Single(JsonDocument.Parse(deprecated.Output).RootElement.EnumerateArray());
        Assert.Equal(listPets, only.GetProperty("name").GetString());
    }

    [Fact]
    public async Task SearchPrintsScoreNameAndTitleBestFirst()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();
        var showPet = await scenario.ToolForAsync("GET /pets/{petId}");

        var search = await scenario.RunInTenantAsync("tools", "search", "info for a specific pet", "-k", "3");

        CliScenario.AssertSucceeded(search);
        var rows = CliScenario.Rows(search.Output);
        Assert.InRange(rows.Count, 1, 3);
        Assert.All(rows, row => Assert.Matches(@"^\d+\.\d{3}$", row[0]));
        Assert.Contains(rows, row => row[1] == showPet);
    }

    [Fact]
    public async Task AFailingTestRunExitsNonZeroWithItsOutcome()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();

        var run = await scenario.RunInTenantAsync("tools", "test", await scenario.ToolForAsync("GET /broken"));

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"(?m)^outcome\s+http_error\s*$", run.Output);
        Assert.Matches(@"(?m)^status\s+500\s*$", run.Output);
    }

    [Fact]
    public async Task ArgumentsThatAreNotAJsonObjectAreAUsageError()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);

        var notJson = await scenario.RunInTenantAsync("tools", "test", "anything", "--args", "{petId: 7");
        var notObject = await scenario.RunInTenantAsync("tools", "test", "anything", "--args", "[7]");

        CliScenario.AssertFailedInOneLine(notJson, "--args is not valid JSON", exitCode: 2);
        CliScenario.AssertFailedInOneLine(notObject, "--args must be a JSON object", exitCode: 2);
    }

    [Fact]
    public async Task AnUnknownToolAnswersTheProblemDetail()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);

        var show = await scenario.RunInTenantAsync("tools", "show", "no_such_tool");

        CliScenario.AssertFailedInOneLine(show, "no_such_tool");
    }
}
