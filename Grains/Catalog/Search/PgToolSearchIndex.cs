using System.Collections.Concurrent;
using Coworker.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pgvector;

namespace Coworker.Catalog.Search;

/// <summary>
/// Hybrid tool search on PostgreSQL: nearest neighbours on the embedding (pgvector HNSW, cosine) and full-text
/// ranking (ts_rank_cd over a field-weighted tsvector), fused by reciprocal rank. Every statement is scoped by
/// tenant; the allowed-tools filter is applied inside the SQL, so a tool outside it can never be returned.
/// </summary>
public sealed partial class PgToolSearchIndex : IToolSearchIndex
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly OfflineEmbeddingGenerator _fallback;
    private readonly ToolSearchOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, Task> _vectorIndexes = new();
    private readonly TenantTermStatistics _terms;

    public PgToolSearchIndex(
        ToolSearchDataSource dataSource, IEmbeddingGenerator<string, Embedding<float>> embedder, ToolSearchOptions? options = null,
        ILogger<PgToolSearchIndex>? logger = null, OfflineEmbeddingGenerator? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource.DataSource;
        _embedder = embedder;
        _options = options ?? new ToolSearchOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _fallback = fallback ?? embedder as OfflineEmbeddingGenerator ?? new OfflineEmbeddingGenerator();
        EmbedderId = EmbeddingGeneratorFactory.IdOf(embedder);
        _terms = new TenantTermStatistics(_dataSource);
    }

    /// <summary>The id stored with rows this index embeds (rows with another id get re-embedded).</summary>
    public string EmbedderId { get; }

    public Task UpsertAsync(ToolSearchDocument document, CancellationToken cancellationToken = default) =>
        UpsertManyAsync([document], cancellationToken);

    /// <summary>Upserts many tools in one transaction, embedding them in one call to the embedder.</summary>
    public async Task UpsertManyAsync(IReadOnlyList<ToolSearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        foreach (var document in documents)
        {
            Validate(document);
        }

        var (vectors, embedderId) = await EmbedDocumentsAsync(documents, cancellationToken);
        await EnsureVectorIndexAsync(vectors[0].Length, cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < documents.Count; i++)
        {
            batch.BatchCommands.Add(UpsertCommand(documents[i], vectors[i], embedderId));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveAsync(string tenant, string toolName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        await using var command = _dataSource.CreateCommand(ToolSearchSql.Remove);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("name", toolName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ToolSearchHit>> SearchAsync(
        string tenant, string query, int k, IReadOnlyCollection<string>? allowedTools = null, string? status = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (string.IsNullOrWhiteSpace(query) || allowedTools is { Count: 0 })
        {
            return [];
        }

        var request = new SearchRequest(tenant, query, Math.Min(k, 200), allowedTools?.Distinct(StringComparer.Ordinal).ToArray(), status);
        var candidates = Math.Max(_options.Candidates, request.K);
        var statistics = _options.UseTermStatistics ? await TermStatisticsAsync(tenant, cancellationToken) : null;
        var vector = _options.Mode == ToolSearchMode.Keyword ? null : await EmbedQueryAsync(query, statistics, cancellationToken);
        var terms = _options.Mode == ToolSearchMode.Vector ? [] : KeywordTerms(query, statistics);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var vectorHits = vector is null ? [] : await VectorSearchAsync(connection, transaction, request, vector.Value, candidates, cancellationToken);
        var keywordHits = terms.Count == 0 ? [] : await KeywordSearchAsync(connection, transaction, request, terms, candidates, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return Fuse(request, vectorHits, keywordHits);
    }

    private List<ToolSearchHit> Fuse(SearchRequest request, List<RankedTool> vectorHits, List<RankedTool> keywordHits)
    {
        var scores = RankFusion.Fuse(
            _options.RrfK,
            (vectorHits.Select(h => h.Name).ToList(), _options.VectorWeight),
            (keywordHits.Select(h => h.Name).ToList(), _options.KeywordWeight));
        var byName = vectorHits.Concat(keywordHits).GroupBy(h => h.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First());
        var vectorScores = vectorHits.ToDictionary(h => h.Name, h => h.Score, StringComparer.Ordinal);
        var keywordScores = keywordHits.ToDictionary(h => h.Name, h => h.Score, StringComparer.Ordinal);
        var normalisedQuery = " " + ToolSearchText.Normalise(request.Query) + " ";

        return scores
            .Select(s =>
            {
                var tool = byName[s.Key];
                var named = normalisedQuery.Contains(" " + ToolSearchText.Normalise(s.Key) + " ", StringComparison.Ordinal);
                return new ToolSearchHit(
                    s.Key, tool.Title, tool.Description, s.Value + (named ? _options.ExactNameBoost : 0),
                    vectorScores.TryGetValue(s.Key, out var v) ? v : null, keywordScores.TryGetValue(s.Key, out var t) ? t : null);
            })
            .OrderByDescending(h => h.Score)
            .ThenByDescending(h => h.VectorScore ?? 0)
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .Take(request.K)
            .ToList();
    }

    private static void Validate(ToolSearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.Tenant);
        ArgumentException.ThrowIfNullOrEmpty(document.Name);
    }

    private sealed record SearchRequest(string Tenant, string Query, int K, string[]? Allowed, string? Status);

    private sealed record RankedTool(string Name, string Title, string Description, double Score);
}
