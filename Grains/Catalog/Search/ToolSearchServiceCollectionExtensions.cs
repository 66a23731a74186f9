using Coworker.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Catalog.Search;

public static class ToolSearchServiceCollectionExtensions
{
    /// <summary>The service key of the embedder tool search uses (other features may register their own).</summary>
    public const string EmbedderKey = "coworker-tool-search";

    /// <summary>
    /// Registers <see cref="IToolSearchIndex"/> (PostgreSQL + pgvector), the embedder chosen by
    /// Coworker:Embeddings (offline by default) and the background re-embedder.
    /// </summary>
    public static IServiceCollection AddToolSearch(this IServiceCollection services, string postgresConnectionString, IConfiguration? configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(postgresConnectionString);
        var embeddingOptions = new EmbeddingOptions();
        configuration?.GetSection(EmbeddingOptions.SectionName).Bind(embeddingOptions);
        var searchOptions = new ToolSearchOptions();
        configuration?.GetSection(ToolSearchOptions.SectionName).Bind(searchOptions);

        services.AddSingleton(embeddingOptions);
        services.AddSingleton(searchOptions);
        services.AddSingleton(_ => new ToolSearchDataSource(postgresConnectionString));
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            EmbedderKey, (sp, _) => EmbeddingGeneratorFactory.Create(embeddingOptions, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new PgToolSearchIndex(
            sp.GetRequiredService<ToolSearchDataSource>(),
            sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(EmbedderKey),
            searchOptions,
            sp.GetService<ILogger<PgToolSearchIndex>>(),
            new OfflineEmbeddingGenerator(null, embeddingOptions.WordNetDirectory, sp.GetService<ILogger<OfflineEmbeddingGenerator>>())));
        services.AddSingleton<IToolSearchIndex>(sp => sp.GetRequiredService<PgToolSearchIndex>());
        services.AddSingleton<ToolSearchReembedder>();
        services.AddHostedService<ToolSearchReembedService>();
        return services;
    }
}
