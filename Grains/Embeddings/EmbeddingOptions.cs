namespace Coworker.Embeddings;

/// <summary>
/// Which embedder tool search uses (configuration section Coworker:Embeddings). Changing it is safe at any time:
/// rows embedded by another embedder are re-embedded in the background (docs/search.md).
/// </summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Coworker:Embeddings";

    /// <summary>"offline" (default, no model, no network), "ollama" or "openai" (any OpenAI-compatible server).</summary>
    public string Provider { get; set; } = "offline";

    /// <summary>Base URL: http://localhost:11434 for Ollama; https://api.openai.com/v1 or a compatible server.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model id, e.g. nomic-embed-text (Ollama) or text-embedding-3-small (OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>API key for OpenAI-compatible servers. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Requested output dimensions, for models that can shorten their vectors (OpenAI text-embedding-3).</summary>
    public int? Dimensions { get; set; }

    /// <summary>Where WordNet's database files are (Debian's wordnet-base).</summary>
    public string WordNetDirectory { get; set; } = WordNetSynonyms.DefaultDirectory;
}
