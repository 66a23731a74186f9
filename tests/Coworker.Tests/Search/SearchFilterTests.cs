using Coworker.Catalog.Search;

namespace Coworker.Tests.Search;

/// <summary>The agent filter (allowed tool names) and the status filter hold on both vector paths.</summary>
[Collection(SearchDatabaseCollection.Name)]
public sealed class SearchFilterTests(SearchDatabaseFixture fixture)
{
    private static readonly string[] Queries =
    [
        "what meetings have I got on Friday", "send off the draft I wrote", "delete a repository", "list my files",
        "post a message to the channel", "create an issue", "transfer money", "add a pet",
    ];

    [SharedDataFact]
    public async Task AnAgentFilterNeverReturnsAToolTheAgentMayNotUse()
    {
        var random = new Random(42);
        var allowed = fixture.Corpus.Where(_ => random.NextDouble() < 0.05).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        // Exact scan of the allowed rows (short list), and the HNSW path with iterative scan (forced).
        foreach (var options in new[] { new ToolSearchOptions(), new ToolSearchOptions { ExactScanMaxAllowedTools = 0 } })
        {
            var index = fixture.CreateIndex(options);
            foreach (var query in Queries)
            {
                var hits = await index.SearchAsync(SearchDatabaseFixture.CorpusTenant, query, 20, allowed);
                Assert.NotEmpty(hits);
                Assert.All(hits, h => Assert.Contains(h.Name, allowed));
            }
        }
    }

    [SharedDataFact]
    public async Task AnAgentWithOneToolGetsThatToolOrNothing()
    {
        var index = fixture.CreateIndex();
        string[] allowed = ["gmail_users_drafts_send"];

        var hits = await index.SearchAsync(SearchDatabaseFixture.CorpusTenant, "send off the draft I wrote", 5, allowed);
        Assert.Equal("gmail_users_drafts_send", Assert.Single(hits).Name);

        Assert.Empty(await index.SearchAsync(SearchDatabaseFixture.CorpusTenant, "send off the draft I wrote", 5, []));
        Assert.Empty(await index.SearchAsync(SearchDatabaseFixture.CorpusTenant, "anything", 5, ["no_such_tool"]));
    }

    [Fact]
    public async Task StatusFilterReturnsOnlyToolsInThatStatus()
    {
        var index = fixture.CreateIndex();
        await index.UpsertManyAsync(
        [
            new("st-a", "list_invoices", "List invoices", "Lists invoices.", "GET", "/invoices", [], [], "s", "Published"),
            new("st-a", "list_invoices_v2", "List invoices", "Lists invoices (new).", "GET", "/v2/invoices", [], [], "s", "Staged"),
            new("st-a", "list_invoices_old", "List invoices", "Lists invoices (old).", "GET", "/v0/invoices", [], [], "s", "Deprecated"),
        ]);

        foreach (var status in new[] { "Published", "Staged", "Deprecated" })
        {
            var hits = await index.SearchAsync("st-a", "show me all the bills", 10, status: status);
            Assert.Single(hits);
            Assert.All(hits, h => Assert.Equal(status, Status(h.Name)));
        }

        Assert.Equal(3, (await index.SearchAsync("st-a", "show me all the bills", 10)).Count);
    }

    private static string Status(string name) => name switch
    {
        "list_invoices" => "Published",
        "list_invoices_v2" => "Staged",
        _ => "Deprecated",
    };
}
