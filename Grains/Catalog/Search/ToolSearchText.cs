using Coworker.Embeddings;

namespace Coworker.Catalog.Search;

/// <summary>What the index stores and embeds for a tool, derived from its <see cref="ToolSearchDocument"/>.</summary>
public static class ToolSearchText
{
    /// <summary>The fielded text the embedder reads (<see cref="EmbeddingText"/>).</summary>
    public static string ForEmbedding(ToolSearchDocument document) => EmbeddingText.Format(
        document.Name, document.Title, document.Method, document.PathTemplate, document.ParameterNames, document.Tags,
        document.Description);

    /// <summary>"gmail_users_drafts.send" -> "gmail users drafts send" (weight A of the full-text document).</summary>
    public static string NameWords(string name) => string.Join(' ', Tokenizer.Split(name));

    /// <summary>Path words, parameter names, tags and what the HTTP method means (weight C).</summary>
    public static string ExtraWords(ToolSearchDocument document)
    {
        var path = HttpSemantics.Segments(document.PathTemplate).Where(s => !HttpSemantics.IsParameter(s));
        var words = path.Concat(document.ParameterNames).Concat(document.Tags).SelectMany(Tokenizer.Split)
            .Concat(HttpSemantics.Intents(document.Method, document.PathTemplate));
        return string.Join(' ', words);
    }

    /// <summary>Lower-case words of a text joined by single spaces (for exact name matching).</summary>
    public static string Normalise(string text) => string.Join(' ', Tokenizer.Split(text));
}
