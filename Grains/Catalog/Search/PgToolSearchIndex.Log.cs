using Microsoft.Extensions.Logging;

namespace Coworker.Catalog.Search;

public sealed partial class PgToolSearchIndex
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedder {EmbedderId} failed; falling back (offline vectors on write, keyword ranking on search)")]
    private static partial void LogEmbedderFailed(ILogger logger, Exception exception, string embedderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings of {Dimensions} dimensions exceed pgvector's HNSW limit (2000): vector search scans exactly")]
    private static partial void LogNoVectorIndex(ILogger logger, int dimensions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Term statistics of tenant {Tenant} could not be loaded; ranking without them")]
    private static partial void LogStatisticsFailed(ILogger logger, Exception exception, string tenant);
}
