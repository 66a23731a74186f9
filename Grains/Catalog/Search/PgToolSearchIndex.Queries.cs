using System.Globalization;
using Coworker.Embeddings;
using Microsoft.Extensions.AI;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Coworker.Catalog.Search;

/// <summary>The statements and embedding calls behind <see cref="PgToolSearchIndex"/>.</summary>
public sealed partial class PgToolSearchIndex
{
    private async Task<List<RankedTool>> VectorSearchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SearchRequest request, ReadOnlyMemory<float> vector, int limit,
        CancellationToken cancellationToken)
    {
        // A short allow-list is cheaper (and exact) to scan through the primary key than to filter out of the
        // HNSW graph; otherwise HNSW with pgvector 0.8's iterative scan keeps going until enough rows pass the
        // tenant/status/name filters, and ef_search is sized to the candidates wanted.
        var useIndex = request.Allowed is null || request.Allowed.Length > _options.ExactScanMaxAllowedTools;
        // Hashed word features make many near-ties: a wide beam (4x the candidates) keeps HNSW close to exact.
        var efSearch = Math.Clamp(limit * 4, 100, 1000).ToString(CultureInfo.InvariantCulture);
        await using (var settings = new NpgsqlCommand(
            $"SET LOCAL hnsw.ef_search = {efSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order", connection, transaction))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        var sql = ToolSearchSql.Vector(vector.Length, useIndex, request.Status is not null, request.Allowed is not null);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("query", new Vector(vector));
        command.Parameters.AddWithValue("tenant", request.Tenant);
        command.Parameters.AddWithValue("embedder", EmbedderId);
        command.Parameters.AddWithValue("limit", limit);
        AddFilters(command, request);
        var hits = await ReadAsync(command, cancellationToken);
        // relaxed_order may return the last few slightly out of order: rank by the distance itself.
        return hits.OrderByDescending(h => h.Score).ToList();
    }

    private static async Task<List<RankedTool>> KeywordSearchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SearchRequest request, IReadOnlyList<string> terms, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            ToolSearchSql.Keyword(request.Status is not null, request.Allowed is not null), connection, transaction);
        // websearch_to_tsquery syntax: "a or b or c" matches any term; the terms are letters and digits only.
        command.Parameters.AddWithValue("text", string.Join(" or ", terms));
        command.Parameters.AddWithValue("tenant", request.Tenant);
        command.Parameters.AddWithValue("limit", limit);
        AddFilters(command, request);
        return await ReadAsync(command, cancellationToken);
    }

    private static void AddFilters(NpgsqlCommand command, SearchRequest request)
    {
        if (request.Status is not null)
        {
            command.Parameters.AddWithValue("status", request.Status);
        }

        if (request.Allowed is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("allowed", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = request.Allowed });
        }
    }

    private static async Task<List<RankedTool>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var hits = new List<RankedTool>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new RankedTool(reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }

        return hits;
    }

    private NpgsqlBatchCommand UpsertCommand(ToolSearchDocument document, float[] vector, string embedderId)
    {
        var command = new NpgsqlBatchCommand(ToolSearchSql.Upsert);
        command.Parameters.AddWithValue("tenant", document.Tenant);
        command.Parameters.AddWithValue("name", document.Name);
        command.Parameters.AddWithValue("title", document.Title ?? "");
        command.Parameters.AddWithValue("description", document.Description ?? "");
        command.Parameters.AddWithValue("method", document.Method ?? "");
        command.Parameters.AddWithValue("path", document.PathTemplate ?? "");
        command.Parameters.AddWithValue("parameters", (document.ParameterNames ?? []).ToArray());
        command.Parameters.AddWithValue("tags", (document.Tags ?? []).ToArray());
        command.Parameters.AddWithValue("status", document.Status ?? "");
        command.Parameters.AddWithValue("source", document.SourceId ?? "");
        command.Parameters.AddWithValue("name_words", ToolSearchText.NameWords(document.Name));
        command.Parameters.AddWithValue("extra_words", ToolSearchText.ExtraWords(document));
        command.Parameters.AddWithValue("embedding", new Vector(vector));
        command.Parameters.AddWithValue("embedder", embedderId);
        return command;
    }

    /// <summary>
    /// Embeds with the configured embedder; if it fails (Ollama down, quota), with the offline one, so the tool is
    /// searchable at once; the re-embedder replaces those vectors when the configured embedder is back.
    /// </summary>
    internal async Task<(float[][] Vectors, string EmbedderId)> EmbedDocumentsAsync(
        IReadOnlyList<ToolSearchDocument> documents, CancellationToken cancellationToken)
    {
        var texts = documents.Select(ToolSearchText.ForEmbedding).ToList();
        try
        {
            var embeddings = await _embedder.GenerateAsync(texts, null, cancellationToken);
            return (embeddings.Select(e => e.Vector.ToArray()).ToArray(), EmbedderId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ReferenceEquals(_embedder, _fallback))
        {
            LogEmbedderFailed(_logger, ex, EmbedderId);
            var embeddings = await _fallback.GenerateAsync(texts, null, cancellationToken);
            return (embeddings.Select(e => e.Vector.ToArray()).ToArray(), EmbeddingGeneratorFactory.IdOf(_fallback));
        }
    }

    private async Task<ReadOnlyMemory<float>?> EmbedQueryAsync(
        string query, TenantTermStatistics.Snapshot? statistics, CancellationToken cancellationToken)
    {
        try
        {
            EmbeddingGenerationOptions? options = null;
            if (statistics is not null && _embedder is OfflineEmbeddingGenerator)
            {
                options = new EmbeddingGenerationOptions
                {
                    AdditionalProperties = new() { [OfflineEmbeddingGenerator.QueryWordWeightsKey] = (Func<string, float>)statistics.Weight },
                };
            }

            return (await _embedder.GenerateAsync([query], options, cancellationToken))[0].Vector;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keyword ranking alone still answers; a search must not fail because the embedder is away.
            LogEmbedderFailed(_logger, ex, EmbedderId);
            return null;
        }
    }

    private async Task<TenantTermStatistics.Snapshot?> TermStatisticsAsync(string tenant, CancellationToken cancellationToken)
    {
        try
        {
            return await _terms.GetAsync(tenant, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogStatisticsFailed(_logger, ex, tenant);
            return null;
        }
    }

    /// <summary>
    /// Full-text terms: the query's words, plus synonyms when expanding; then words that most of the tenant's
    /// tools contain are dropped (ts_rank_cd has no idf of its own), unless nothing would be left.
    /// </summary>
    private IReadOnlyList<string> KeywordTerms(string query, TenantTermStatistics.Snapshot? statistics)
    {
        var terms = QueryTerms.Of(query, _options.ExpandKeywordQuery);
        // In a small tenant every word is "common": only a large one says something by sharing a word widely.
        if (!_options.ExpandKeywordQuery || statistics is null || statistics.Documents < 100)
        {
            return terms;
        }

        // The most specific terms only: every OR'ed term widens the set of rows ts_rank_cd must rank.
        var specific = terms
            .Select(t => (Term: t, Frequency: statistics.Frequency(PorterStemmer.Stem(t))))
            .Where(t => t.Frequency <= statistics.Documents * _options.CommonTermShare)
            .OrderBy(t => t.Frequency)
            .Take(_options.MaxKeywordTerms)
            .Select(t => t.Term)
            .ToList();
        return specific.Count > 0 ? specific : terms;
    }

    /// <summary>Creates the partial HNSW index for a dimension the first time vectors of that size are written.</summary>
    internal Task EnsureVectorIndexAsync(int dimensions, CancellationToken cancellationToken) =>
        _vectorIndexes.GetOrAdd(dimensions, d => CreateVectorIndexAsync(d, cancellationToken));

    private async Task CreateVectorIndexAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (dimensions > 2000)
        {
            // pgvector's HNSW indexes vectors of at most 2,000 dimensions: larger ones are searched by exact scan.
            LogNoVectorIndex(_logger, dimensions);
            return;
        }

        try
        {
            await using var command = _dataSource.CreateCommand(ToolSearchSql.EnsureVectorIndex(dimensions));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            _vectorIndexes.TryRemove(dimensions, out _); // try again on the next write
            throw;
        }
    }
}
