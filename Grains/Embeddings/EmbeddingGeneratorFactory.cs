using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OllamaSharp;
using OpenAI;

namespace Coworker.Embeddings;

/// <summary>Builds the embedder that <see cref="EmbeddingOptions"/> names, and names embedders for storage.</summary>
public static class EmbeddingGeneratorFactory
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = (options.Provider ?? "offline").Trim().ToLowerInvariant();
        switch (provider)
        {
            case "" or "offline":
                return new OfflineEmbeddingGenerator(null, options.WordNetDirectory, loggerFactory?.CreateLogger<OfflineEmbeddingGenerator>());
            case "ollama":
                return new OllamaApiClient(new Uri(options.Endpoint ?? "http://localhost:11434"), Require(options.Model, "Model"));
            case "openai":
                var client = new OpenAIClient(
                    new ApiKeyCredential(Require(options.ApiKey, "ApiKey")),
                    new OpenAIClientOptions { Endpoint = options.Endpoint is null ? null : new Uri(options.Endpoint) });
                return client.GetEmbeddingClient(Require(options.Model, "Model")).AsIEmbeddingGenerator(options.Dimensions);
            default:
                throw new InvalidOperationException(
                    $"{EmbeddingOptions.SectionName}:Provider '{options.Provider}' is not one of offline, ollama, openai.");
        }
    }

    /// <summary>
    /// A stable name for what produced an embedding ("coworker-offline:hashed-ngrams-wordnet-v1"): stored with each
    /// row, so that a change of provider or model is noticed and the rows re-embedded.
    /// </summary>
    public static string IdOf(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = metadata?.ProviderName ?? generator.GetType().Name;
        var model = metadata?.DefaultModelId ?? "default";
        return metadata?.DefaultModelDimensions is int dims ? $"{provider}:{model}:{dims}" : $"{provider}:{model}";
    }

    private static string Require(string? value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:{name} is required for this provider.")
            : value;
}
