using Coworker.Catalog.Search;
using Coworker.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coworker.Tests.Search;

[Collection(SearchDatabaseCollection.Name)]
public sealed class ToolSearchWiringTests(SearchDatabaseFixture fixture)
{
    [Fact]
    public async Task AddToolSearchRegistersAWorkingIndexWithTheConfiguredEmbedder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coworker:Embeddings:Provider"] = "offline",
            ["Coworker:ToolSearch:Candidates"] = "30",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddToolSearch(fixture.Database.ConnectionString, configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<OfflineEmbeddingGenerator>(
            provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(ToolSearchServiceCollectionExtensions.EmbedderKey));
        Assert.Equal(30, provider.GetRequiredService<ToolSearchOptions>().Candidates);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is ToolSearchReembedService);

        var index = provider.GetRequiredService<IToolSearchIndex>();
        await index.UpsertAsync(new ToolSearchDocument(
            "wire-a", "list_calendar_events", "List events", "Returns events on the calendar.", "GET", "/calendars/{id}/events",
            ["id"], [], "s", "Published"));
        var hit = Assert.Single(await index.SearchAsync("wire-a", "what meetings have I got on Friday", 5));
        Assert.Equal("list_calendar_events", hit.Name);
        Assert.NotNull(hit.VectorScore);
    }

    [Fact]
    public async Task AQueryThatSpellsAToolsNameFindsItFirst()
    {
        var index = fixture.CreateIndex();
        await index.UpsertManyAsync(
        [
            new("name-a", "create_invoice", "Create invoice", "Creates an invoice.", "POST", "/invoices", [], [], "s", "Published"),
            new("name-a", "create_invoice_draft", "Create invoice draft", "Creates a draft invoice to send later.", "POST", "/invoices/drafts", [], [], "s", "Published"),
        ]);

        Assert.Equal("create_invoice_draft", (await index.SearchAsync("name-a", "create_invoice_draft", 2))[0].Name);
    }
}
