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
    /// (ef_search sized to 50 candidates, iterative scan for the tenant filter); and the exact scan's own p50.
    /// </summary>
    public static async Task<(double Recall, double ExactP50, double IndexP50)> HnswRecallAsync(
        NpgsqlDataSource dataSource, IEmbeddingGenerator<string, Embedding<float>> embedder, string embedderId, string tenant,
        IReadOnlyList<string> queries, int dimensions)
    {
        double overlap = 0;
        var exactTimes = new List<double>();
        var indexTimes = new List<double>();
        foreach (var query in queries)
        {
            var vector = new Vector((await embedder.GenerateAsync([query]))[0].Vector);
            var watch = Stopwatch.StartNew();
            var approximate = await TopAsync(dataSource, vector, embedderId, tenant, dimensions, exact: false);
            indexTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var exact = await TopAsync(dataSource, vector, embedderId, tenant, dimensions, exact: true);
            exactTimes.Add(watch.Elapsed.TotalMilliseconds);
            overlap += approximate.Intersect(exact).Count() / (double)Math.Max(1, exact.Count);
        }

        exactTimes.Sort();
        indexTimes.Sort();
        return (overlap / queries.Count, Percentile(exactTimes, 0.5), Percentile(indexTimes, 0.5));
    }

    private static async Task<List<string>> TopAsync(
        NpgsqlDataSource dataSource, Vector vector, string embedderId, string tenant, int dimensions, bool exact)
    {
        var dims = dimensions.ToString(CultureInfo.InvariantCulture);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var settings = exact
            ? "SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off"
            : "SET LOCAL hnsw.ef_search = 100; SET LOCAL hnsw.iterative_scan = relaxed_order";
        await using (var set = new NpgsqlCommand(settings, connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand($"""
            SELECT tool_name FROM coworker.tool_search
            WHERE tenant_id = @tenant AND embedding_dims = {dims} AND embedder_id = @embedder
            ORDER BY embedding::vector({dims}) <=> @query::vector({dims}) LIMIT 10
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("embedder", embedderId);
        command.Parameters.AddWithValue("query", vector);
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync();
        return names;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
