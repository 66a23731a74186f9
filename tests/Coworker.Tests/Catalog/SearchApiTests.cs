using System.Text;
using Coworker.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Catalog;

[Collection(GatewayCollection.Name)]
public sealed class SearchApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task SearchFindsToolsByMeaningAndNeverAnotherTenants()
    {
        const string server = "http://127.0.0.1:9";
        var a = await CatalogScenario.CreateAsync(gateway);
        var b = await CatalogScenario.CreateAsync(gateway);
        await a.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(server)));
        await b.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(server, extraPath: true)));
        var photos = await b.ToolForAsync("GET /pets/{petId}/photos");

        var inB = await (await b.Owner.GetAsync($"/api/v1/tenants/{b.Tenant}/tools/search?q=pictures%20of%20my%20pet&k=3")).ReadAsync<List<ToolSearchHit>>();
        Assert.Contains(inB, hit => hit.Name == photos);

        var inA = await (await a.Owner.GetAsync($"/api/v1/tenants/{a.Tenant}/tools/search?q=pictures%20of%20my%20pet&k=20")).ReadAsync<List<ToolSearchHit>>();
        Assert.DoesNotContain(inA, hit => hit.Name == photos);
        var tenantATools = (await a.ListToolsAsync()).Select(t => t.Name).ToHashSet();
        Assert.All(inA, hit => Assert.Contains(hit.Name, tenantATools));

        var create = await (await a.Owner.GetAsync($"/api/v1/tenants/{a.Tenant}/tools/search?q=add%20a%20new%20animal&k=3")).ReadAsync<List<ToolSearchHit>>();
        Assert.Equal(await a.ToolForAsync("POST /pets"), create[0].Name);
    }

    [Fact]
    public async Task SearchCanBeLimitedToPublishedTools()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway);
        await scenario.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription("http://127.0.0.1:9")));
        var list = await scenario.ToolForAsync("GET /pets");
        (await scenario.Owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{list}/publish", null)).EnsureSuccessStatusCode();

        var hits = await (await scenario.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/tools/search?q=pet&k=20&status=Published"))
            .ReadAsync<List<ToolSearchHit>>();
        Assert.Equal([list], hits.Select(h => h.Name));
    }
}
