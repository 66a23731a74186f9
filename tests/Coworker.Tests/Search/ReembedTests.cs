using Coworker.Catalog.Search;
using Coworker.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coworker.Tests.Search;

/// <summary>Changing the embedder re-embeds existing rows in the background; until then text ranking finds them.</summary>
[Collection(SearchDatabaseCollection.Name)]
public sealed class ReembedTests(SearchDatabaseFixture fixture)
{
    private static readonly ToolSearchDocument[] Tools =
    [
        new("re-a", "list_calendar_events", "List events", "Returns events on the calendar.", "GET", "/calendars/{id}/events", ["id"], [], "s", "Published"),
        new("re-a", "delete_calendar_event", "Delete event", "Deletes an event.", "DELETE", "/calendars/{id}/events/{eventId}", ["id", "eventId"], [], "s", "Published"),
        new("re-a", "send_message", "Send message", "Sends a chat message to a channel.", "POST", "/chat.postMessage", ["channel"], [], "s", "Published"),
    ];

    [Fact]
    public async Task ChangingTheEmbedderReembedsExistingRowsInTheBackground()
    {
        // Rows written by "another" embedder: the offline one at 256 dimensions has a different id.
        var previous = new PgToolSearchIndex(fixture.DataSource, new OfflineEmbeddingGenerator(new OfflineEmbeddingSettings { Dimensions = 256 }));
        await previous.UpsertManyAsync(Tools);
        var current = fixture.CreateIndex();
        Assert.NotEqual(previous.EmbedderId, current.EmbedderId);
        var options = new ToolSearchOptions { ReembedInterval = TimeSpan.FromMilliseconds(200), ReembedBatchSize = 2 };
        var reembedder = new ToolSearchReembedder(fixture.DataSource, current, options);
        Assert.Equal(Tools.Length, await reembedder.CountPendingAsync());

        // Before: the current embedder's vectors do not exist yet, but full-text ranking still finds the tool.
        var before = await current.SearchAsync("re-a", "delete event", 3);
        Assert.Equal("delete_calendar_event", before[0].Name);
        Assert.All(before, h => Assert.Null(h.VectorScore));

        using var service = new ToolSearchReembedService(reembedder, options, NullLogger<ToolSearchReembedService>.Instance);
        await service.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await reembedder.CountPendingAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(0, await reembedder.CountPendingAsync());
        var after = await current.SearchAsync("re-a", "what meetings have I got on Friday", 3);
        Assert.Equal("list_calendar_events", after[0].Name);
        Assert.NotNull(after[0].VectorScore);
    }
}
