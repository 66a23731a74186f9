using Coworker.Catalog.Search;
using Coworker.Embeddings;
using Microsoft.Extensions.AI;

namespace Coworker.Tests.Search;

public sealed class OfflineEmbeddingGeneratorTests
{
    private static readonly OfflineEmbeddingGenerator Generator = new();

    private static ToolSearchDocument Tool(string name, string title, string description, string method, string path) =>
        new("t", name, title, description, method, path, [], [], "s", "Published");

    private static async Task<float> SimilarityAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string query, ToolSearchDocument tool)
    {
        var embeddings = await generator.GenerateAsync([query, ToolSearchText.ForEmbedding(tool)]);
        var a = embeddings[0].Vector.Span;
        var b = embeddings[1].Vector.Span;
        var dot = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    [Fact]
    public async Task VectorsAreDeterministicUnitLengthAndOfTheAdvertisedSize()
    {
        var first = await Generator.GenerateAsync(["list my calendar events", "list my calendar events"]);
        Assert.Equal(Generator.Dimensions, first[0].Vector.Length);
        Assert.Equal(first[0].Vector.ToArray(), first[1].Vector.ToArray());
        var norm = Math.Sqrt(first[0].Vector.ToArray().Sum(v => v * v));
        Assert.InRange(norm, 0.999, 1.001);
        var metadata = Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal(Generator.Dimensions, metadata!.DefaultModelDimensions);
    }

    [Fact]
    public async Task AMeetingQuestionIsClosestToListingCalendarEvents()
    {
        const string query = "what meetings have I got on Friday";
        var list = Tool("calendar_events_list", "", "Returns events on the specified calendar.", "GET", "/calendars/{calendarId}/events");
        var delete = Tool("calendar_events_delete", "", "Deletes an event.", "DELETE", "/calendars/{calendarId}/events/{eventId}");
        var messages = Tool("gmail_users_messages_list", "", "Lists the messages in the user's mailbox.", "GET", "/gmail/v1/users/{userId}/messages");

        var toList = await SimilarityAsync(Generator, query, list);
        Assert.True(toList > await SimilarityAsync(Generator, query, delete));
        Assert.True(toList > await SimilarityAsync(Generator, query, messages));
    }

    [Fact]
    public async Task SendingOffADraftIsCloserToSendDraftThanToSendMessage()
    {
        const string query = "send off the draft I wrote";
        var sendDraft = Tool("gmail_users_drafts_send", "", "Sends the specified, existing draft to the recipients in the To, Cc, and Bcc headers.", "POST", "/gmail/v1/users/{userId}/drafts/send");
        var sendMessage = Tool("gmail_users_messages_send", "", "Sends the specified message to the recipients in the To, Cc, and Bcc headers.", "POST", "/gmail/v1/users/{userId}/messages/send");

        Assert.True(await SimilarityAsync(Generator, query, sendDraft) > await SimilarityAsync(Generator, query, sendMessage));
    }

    [Fact]
    public async Task WithoutWordNetItStillWorksUnderAnotherEmbedderId()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-wordnet-" + Guid.NewGuid().ToString("N"));
        using var generator = new OfflineEmbeddingGenerator(null, missing);
        Assert.NotEqual(EmbeddingGeneratorFactory.IdOf(Generator), EmbeddingGeneratorFactory.IdOf(generator));

        var delete = Tool("calendar_events_delete", "", "Deletes an event.", "DELETE", "/calendars/{calendarId}/events/{eventId}");
        var list = Tool("calendar_events_list", "", "Returns events on the specified calendar.", "GET", "/calendars/{calendarId}/events");
        const string query = "get rid of the meeting";
        Assert.True(await SimilarityAsync(generator, query, delete) > await SimilarityAsync(generator, query, list));
    }

    [Fact]
    public void WordNetSynonymsAreLoadedWhenDebiansWordNetIsInstalled()
    {
        var wordNet = WordNetSynonyms.Load(WordNetSynonyms.DefaultDirectory);
        if (!File.Exists(Path.Combine(WordNetSynonyms.DefaultDirectory, "data.noun")))
        {
            Assert.False(wordNet.IsAvailable);
            return;
        }

        Assert.True(wordNet.LemmaCount > 50_000);
        Assert.Contains(wordNet.Synonyms("erasing"), s => s.Word == "efface");
        Assert.Equal("write", wordNet.Lemma("wrote"));
    }

    [Fact]
    public void TheFactoryBuildsTheConfiguredProvider()
    {
        Assert.IsType<OfflineEmbeddingGenerator>(EmbeddingGeneratorFactory.Create(new EmbeddingOptions()));
        var ollama = EmbeddingGeneratorFactory.Create(new EmbeddingOptions { Provider = "ollama", Endpoint = "http://127.0.0.1:11434", Model = "nomic-embed-text" });
        Assert.StartsWith("ollama", EmbeddingGeneratorFactory.IdOf(ollama), StringComparison.OrdinalIgnoreCase);
        var openAi = EmbeddingGeneratorFactory.Create(new EmbeddingOptions { Provider = "openai", ApiKey = "sk-test", Model = "text-embedding-3-small", Dimensions = 1024 });
        Assert.Contains("text-embedding-3-small", EmbeddingGeneratorFactory.IdOf(openAi), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => EmbeddingGeneratorFactory.Create(new EmbeddingOptions { Provider = "word2vec" }));
        Assert.Throws<InvalidOperationException>(() => EmbeddingGeneratorFactory.Create(new EmbeddingOptions { Provider = "openai", Model = "m" }));
    }
}
