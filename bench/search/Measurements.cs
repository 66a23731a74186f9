using System.Diagnostics;
using System.Globalization;
using Coworker.Catalog.Search;
using Microsoft.Extensions.AI;
using Npgsql;
using Pgvector;

namespace Coworker.Bench.Search;

/// <summary>Latency of SearchAsync, and what the HNSW index returns compared with an exact scan.</summary>
internal static class Measurements
{
    public static async Task<(double P50, double P99)> LatencyAsync(
        IToolSearchIndex index, string tenant, IReadOnlyList<string> queries, int rounds, IReadOnlyCollection<string>? allowed = null)
    {
        foreach (var query in queries.Take(10))
        {
            await index.SearchAsync(tenant, query, 10, allowed); // warm-up: pools, plans, term statistics
        }

        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await index.SearchAsync(tenant, queries[i % queries.Count], 10, allowed);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (Percentile(times, 0.50), Percentile(times, 0.99));
    }

    /// <summary>
    /// recall@10 = |HNSW top 10 ∩ exact top 10| / 10, over the vector stage exactly as search runs it
    /// (iterative scan for the tenant filter) at a given ef_search; and the exact scan's own p50.
    /// </summary>
    public static async Task<(double Recall, double TieRecall, double ExactP50, double IndexP50)> HnswRecallAsync(
        NpgsqlDataSource dataSource, IEmbeddingGenerator<string, Embedding<float>> embedder, string embedderId, string tenant,
        IReadOnlyList<string> queries, int dimensions, int efSearch)
    {
        double overlap = 0, tieOverlap = 0;
        var exactTimes = new List<double>();
        var indexTimes = new List<double>();
        foreach (var query in queries)
        {
            var vector = new Vector((await embedder.GenerateAsync([query]))[0].Vector);
            var watch = Stopwatch.StartNew();
            var approximate = await TopAsync(dataSource, vector, embedderId, tenant, dimensions, exact: false, efSearch);
            indexTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var exact = await TopAsync(dataSource, vector, embedderId, tenant, dimensions, exact: true, efSearch);
            exactTimes.Add(watch.Elapsed.TotalMilliseconds);
            var exactNames = exact.Select(e => e.Name).ToList();
            overlap += approximate.Count(a => exactNames.Contains(a.Name)) / (double)Math.Max(1, exact.Count);
            // Synthetic catalogues hold near-duplicates: a result as close as the exact 10th is as good as it.
            var tenth = exact.Count == 0 ? 0 : exact[^1].Distance;
            tieOverlap += approximate.Count(a => a.Distance <= tenth + 1e-6) / (double)Math.Max(1, exact.Count);
        }

        exactTimes.Sort();
        indexTimes.Sort();
        return (overlap / queries.Count, tieOverlap / queries.Count, Percentile(exactTimes, 0.5), Percentile(indexTimes, 0.5));
    }

    private static async Task<List<(string Name, double Distance)>> TopAsync(
        NpgsqlDataSource dataSource, Vector vector, string embedderId, string tenant, int dimensions, bool exact, int efSearch)
    {
        var dims = dimensions.ToString(CultureInfo.InvariantCulture);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var settings = exact
            ? "SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off"
            : $"SET LOCAL hnsw.ef_search = {efSearch.ToString(CultureInfo.InvariantCulture)}; SET LOCAL hnsw.iterative_scan = relaxed_order";
        await using (var set = new NpgsqlCommand(settings, connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand($"""
            SELECT tool_name, embedding::vector({dims}) <=> @query::vector({dims}) FROM coworker.tool_search
            WHERE tenant_id = @tenant AND embedding_dims = {dims} AND embedder_id = @embedder
            ORDER BY embedding::vector({dims}) <=> @query::vector({dims}) LIMIT 10
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("embedder", embedderId);
        command.Parameters.AddWithValue("query", vector);
        var names = new List<(string, double)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add((reader.GetString(0), reader.GetDouble(1)));
            }
        }

        await transaction.CommitAsync();
        return names;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
