using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Coworker.Embeddings;

/// <summary>
/// The default embedder: works offline, with no model file. A text becomes hashed features (stemmed words, word
/// pairs, character trigrams) enriched with meaning: synonyms from a domain lexicon and from WordNet, the intent a
/// query states ("what ... have I got" lists) and the one an HTTP operation implements (GET /events lists), and
/// field weights for tool documents (see <see cref="EmbeddingText"/>). Vectors are L2-normalised, so cosine
/// similarity is a dot product. Deterministic: the same text always gives the same vector.
/// </summary>
public sealed class OfflineEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "coworker-offline";
    /// <summary>Bump the version whenever features or weights change: stored rows are then re-embedded.</summary>
    public const string ModelId = "hashed-ngrams-wordnet-v3";
    public const string ModelIdWithoutWordNet = "hashed-ngrams-v3";

    /// <summary>
    /// Key in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> of a Func&lt;string, float&gt; that weights
    /// the words of a query by stem (tool search passes inverse document frequencies of the tenant's tools).
    /// Documents ignore it: their vectors must not depend on the rest of the corpus.
    /// </summary>
    public const string QueryWordWeightsKey = "coworker.queryWordWeights";

    private readonly OfflineEmbeddingSettings _settings;
    private readonly Lazy<TextFeaturizer> _featurizer;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly string _modelId;

    public OfflineEmbeddingGenerator(OfflineEmbeddingSettings? settings = null, string? wordNetDirectory = null, ILogger? logger = null)
    {
        _settings = settings ?? new OfflineEmbeddingSettings();
        // WordNet is parsed on first use (and once per process): constructing the generator stays cheap.
        _featurizer = new Lazy<TextFeaturizer>(() => new TextFeaturizer(_settings, WordNetSynonyms.Load(wordNetDirectory, logger)));
        // Vectors made with and without WordNet differ, so they must not share an embedder id.
        var directory = string.IsNullOrWhiteSpace(wordNetDirectory) ? WordNetSynonyms.DefaultDirectory : wordNetDirectory;
        _modelId = File.Exists(Path.Combine(directory, "data.noun")) ? ModelId : ModelIdWithoutWordNet;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, null, _modelId, _settings.Dimensions);
    }

    public int Dimensions => _settings.Dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var weights = options?.AdditionalProperties?.TryGetValue(QueryWordWeightsKey, out var w) == true ? w as Func<string, float> : null;
            embeddings.Add(new Embedding<float>(Featurize(value, weights).ToVector(_settings.Dimensions, _settings.HashProbes)) { ModelId = _modelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The named features behind a text's vector (for diagnostics and docs/search.md).</summary>
    public IReadOnlyDictionary<string, float> Explain(string text) => Featurize(text, null).Features;

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private FeatureBag Featurize(string text, Func<string, float>? queryWordWeights)
    {
        var fields = EmbeddingText.Parse(text ?? "");
        return fields is null ? _featurizer.Value.Query(text ?? "", queryWordWeights) : _featurizer.Value.Document(fields);
    }
}
