using Coworker.Tests.Cli;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Import;

/// <summary>`coworker import --tool-prefix`, the real process against the real Gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ImportCommandToolPrefixTests(GatewayFixture gateway)
{
    [Fact]
    public async Task TheSameDescriptionUnderASecondSourceWithAPrefixAddsItsOwnTools()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync("pets");
        var file = scenario.WriteFile("petstore-copy.json", TestUpstream.PetstoreDescription(scenario.Upstream.BaseUrl));

        var prefixed = await scenario.RunInTenantAsync("import", file, "--source", "pets-copy", "--tool-prefix", "copy");

        CliScenario.AssertSucceeded(prefixed);
        CliScenario.AssertPrinted(prefixed, $"{CliScenario.PetstoreOperations} added, 0 changed, 0 removed, 0 unchanged");
        CliScenario.AssertPrinted(prefixed, "  + copy_showPetById (v1)");
        Assert.Equal(2 * CliScenario.PetstoreOperations, CliScenario.Rows((await scenario.RunInTenantAsync("tools", "list")).Output).Count);

        var renamed = await scenario.RunInTenantAsync("import", file, "--source", "pets-copy", "--tool-prefix", "other");

        CliScenario.AssertFailedInOneLine(renamed, "copy_");
    }
}
