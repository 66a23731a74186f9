using Coworker.Catalog.Search;

namespace Coworker.Tests.Search;

[Collection(SearchDatabaseCollection.Name)]
public sealed class TenantIsolationTests(SearchDatabaseFixture fixture)
{
    private static ToolSearchDocument Tool(string tenant, string name, string description) => new(
        tenant, name, name.Replace('_', ' '), description, "GET", "/" + name.Replace('_', '/'), ["id"], [], "test.yaml", "Published");

    [Fact]
    public async Task SearchNeverReturnsAnotherTenantsToolsEvenWithTheSameNames()
    {
        var index = fixture.CreateIndex();
        string[] names = ["list_calendar_events", "send_email", "delete_file"];
        await index.UpsertManyAsync(names.Select(n => Tool("iso-a", n, $"tenant a {n} alpha")).ToList());
        // Tenant b has more and better matches for every query.
        await index.UpsertManyAsync(names.Concat(["list_events_today", "list_all_calendar_events", "send_email_now"])
            .Select(n => Tool("iso-b", n, $"tenant b {n} list calendar events meetings send email delete file")).ToList());

        foreach (var query in new[] { "what meetings have I got on Friday", "send an email", "delete file", "list_calendar_events" })
        {
            var hits = await index.SearchAsync("iso-a", query, 10);
            Assert.NotEmpty(hits);
            Assert.All(hits, h => Assert.Contains("tenant a", h.Description, StringComparison.Ordinal));
            Assert.All(hits, h => Assert.Contains(h.Name, names));
        }

        Assert.Empty(await index.SearchAsync("iso-nobody", "list calendar events", 10));
    }

    [Fact]
    public async Task RemovingAToolRemovesItFromOneTenantOnly()
    {
        var index = fixture.CreateIndex();
        await index.UpsertAsync(Tool("rm-a", "create_invoice", "Creates an invoice for a customer."));
        await index.UpsertAsync(Tool("rm-b", "create_invoice", "Creates an invoice for a customer."));

        await index.RemoveAsync("rm-a", "create_invoice");

        Assert.Empty(await index.SearchAsync("rm-a", "bill a customer", 5));
        Assert.Equal("create_invoice", Assert.Single(await index.SearchAsync("rm-b", "bill a customer", 5)).Name);
    }

    [Fact]
    public async Task UpsertReplacesATenantsToolInPlace()
    {
        var index = fixture.CreateIndex();
        await index.UpsertAsync(Tool("up-a", "get_weather", "Old text about tides."));
        await index.UpsertAsync(Tool("up-a", "get_weather", "Returns the weather forecast for a city."));

        var hit = Assert.Single(await index.SearchAsync("up-a", "will it rain tomorrow in Paris forecast", 5));
        Assert.Equal("Returns the weather forecast for a city.", hit.Description);
    }
}
