using System.Text;
using Coworker.Client;
using Coworker.Grpc.V1;
using Coworker.Tests.Catalog;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Sdk;

[Collection(GatewayCollection.Name)]
public sealed class SdkAgentKeysAndImportsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnOwnerIssuesAKeyThatWorksUntilItIsRevoked()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = SdkClients.Owner(scenario);
        var tool = scenario.Tools["GET /pets/{petId}"];

        var issued = await owner.Agents.CreateKeyAsync("bot", "sdk");
        Assert.Equal("sdk", issued.Info.Name);
        using (var agent = SdkClients.For(gateway, issued.Key, scenario.Tenant))
        {
            Assert.Equal("ok", (await agent.Tools.CallAsync("bot", tool, new { petId = 1 })).Outcome);
        }

        var listed = await owner.Agents.ListKeysAsync("bot");
        Assert.Contains(listed, key => key.KeyId == issued.Info.KeyId);
        Assert.DoesNotContain(listed, key => key.ToString().Contains(issued.Key, StringComparison.Ordinal));

        await owner.Agents.RevokeKeyAsync("bot", issued.Info.KeyId);
        Assert.DoesNotContain(await owner.Agents.ListKeysAsync("bot"), key => key.KeyId == issued.Info.KeyId);
        using var revoked = SdkClients.For(gateway, issued.Key, scenario.Tenant);
        await Assert.ThrowsAsync<CoworkerAuthenticationException>(() => revoked.Tools.CallAsync("bot", tool, new { petId = 1 }));
    }

    [Fact]
    public async Task AnUploadIsWatchedToItsDiffAndAUrlImportIsFetched()
    {
        var catalog = await CatalogScenario.CreateAsync(gateway);
        await using var upstream = await TestUpstream.StartAsync();
        using var owner = SdkClients.For(gateway, catalog.Owner.DefaultRequestHeaders.Authorization!.Parameter, catalog.Tenant);

        var started = await owner.Imports.StartAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(upstream.BaseUrl)), "pets.json");
        Assert.Equal("pets", started.SourceId);
        var snapshots = await owner.Imports.WatchAsync(started.Id).ToListAsync();
        var last = snapshots[^1];
        Assert.Equal(ImportStatus.Succeeded, last.Status);
        Assert.NotEmpty(last.Changes);
        Assert.All(last.Changes, change => Assert.Equal(ToolChangeKind.Added, change.Kind));
        Assert.Equal(last, await owner.Imports.GetAsync(started.Id));
        Assert.Equal(last.Changes.Count, (await owner.Tools.ListAsync(source: "pets").ToListAsync()).Count);

        // The same description fetched by URL from the 127.0.0.1 upstream (the scenario allows loopback): nothing changed.
        var again = await owner.Imports.StartFromUrlAsync("pets", $"{upstream.BaseUrl}/openapi.json");
        var fetched = (await owner.Imports.WatchAsync(again.Id).ToListAsync())[^1];
        Assert.Equal(ImportStatus.Succeeded, fetched.Status);
        Assert.All(fetched.Changes, change => Assert.Equal(ToolChangeKind.Unchanged, change.Kind));

        await Assert.ThrowsAsync<CoworkerNotFoundException>(() => owner.Imports.GetAsync("no-such-job"));
    }
}
