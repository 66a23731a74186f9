using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Coworker.Bench.Search;
using Coworker.Catalog.Search;
using Coworker.Embeddings;
using Coworker.Tests.Search;

// Usage: dotnet run -c Release --project bench/search [-- --sizes 10000,100000 --rounds 200 --recall-queries 40]
// Needs a PostgreSQL with pgvector (scripts/lib.sh start_postgres) and ../shared next to the checkout.
var options = BenchOptions.Parse(args);
var root = RepositoryRoot();
var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
if (!Directory.Exists(shared))
{
    Console.Error.WriteLine($"../shared not found at {shared}: the benchmark builds its tools from the real ones there.");
    return 2;
}

var total = Stopwatch.StartNew();
var real = SharedToolCorpus.Load(shared, "real");
var queries = JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(Path.Combine(root, "tests", "Coworker.Tests", "Search", "paraphrase-queries.json")))!
    .Select(q => q.GetProperty("query").GetString()!).ToList();
Console.WriteLine($"{real.Count} real tools from ../shared, {queries.Count} paraphrased queries; sizes {string.Join(", ", options.Sizes)}");

await using var database = await BenchDatabase.CreateAsync(options.ConnectionString);
await using var dataSource = new ToolSearchDataSource(database.ConnectionString);
using var embedder = new OfflineEmbeddingGenerator();
var index = new PgToolSearchIndex(dataSource, embedder);
var keywordIndex = new PgToolSearchIndex(dataSource, embedder, new ToolSearchOptions { Mode = ToolSearchMode.Keyword });
var vectorIndex = new PgToolSearchIndex(dataSource, embedder, new ToolSearchOptions { Mode = ToolSearchMode.Vector });

// Bulk load without the indexes, then build them once (as a restore or a first import of a big catalogue would).
await database.ExecuteAsync(dataSource.DataSource, "DROP INDEX coworker.tool_search_embedding_1024_hnsw; DROP INDEX coworker.tool_search_text_gin");
var loadTime = TimeSpan.Zero;
foreach (var size in options.Sizes)
{
    var tools = SyntheticTools.Generate(real, Tenant(size), size, size).ToList();
    loadTime += await database.LoadAsync(dataSource.DataSource, embedder, index.EmbedderId, tools);
}

var build = Stopwatch.StartNew();
await database.ExecuteAsync(dataSource.DataSource, """
    SET maintenance_work_mem = '2GB'; SET max_parallel_maintenance_workers = 2;
    CREATE INDEX tool_search_embedding_1024_hnsw ON coworker.tool_search
        USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE embedding_dims = 1024;
    CREATE INDEX tool_search_text_gin ON coworker.tool_search USING gin (search);
    ANALYZE coworker.tool_search;
    """);
Console.WriteLine($"embedded + loaded in {loadTime.TotalSeconds:F0} s, indexes built in {build.Elapsed.TotalSeconds:F0} s");

var table = new StringBuilder()
    .AppendLine("| tools in tenant | hybrid p50 ms | hybrid p99 ms | vector-only p50 ms | keyword-only p50 ms | agent filter (50 tools) p50 ms | HNSW top-10 p50 ms (ef 200) | exact top-10 p50 ms | HNSW recall@10 vs exact, ef_search=200 (ties counted) | same at ef_search=800, its p50 |")
    .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var size in options.Sizes)
{
    var tenant = Tenant(size);
    var allowed = Enumerable.Range(0, 50).Select(i => SyntheticTools.Generate(real, tenant, size, size).ElementAt(i * (size / 50)).Name).ToList();
    var hybrid = await Measurements.LatencyAsync(index, tenant, queries, options.Rounds);
    var vector = await Measurements.LatencyAsync(vectorIndex, tenant, queries, options.Rounds);
    var keyword = await Measurements.LatencyAsync(keywordIndex, tenant, queries, options.Rounds);
    var filtered = await Measurements.LatencyAsync(index, tenant, queries, options.Rounds, allowed);
    var recallQueries = queries.Take(options.RecallQueries).ToList();
    var recall = await Measurements.HnswRecallAsync(dataSource.DataSource, embedder, index.EmbedderId, tenant, recallQueries, embedder.Dimensions, 200);
    var recall800 = await Measurements.HnswRecallAsync(dataSource.DataSource, embedder, index.EmbedderId, tenant, recallQueries, embedder.Dimensions, 800);
    table.AppendLine(CultureInfo.InvariantCulture,
        $"| {size:N0} | {hybrid.P50:F1} | {hybrid.P99:F1} | {vector.P50:F1} | {keyword.P50:F1} | {filtered.P50:F1} | {recall.IndexP50:F1} | {recall.ExactP50:F1} | {recall.Recall:F2} ({recall.TieRecall:F2}) | {recall800.Recall:F2} ({recall800.TieRecall:F2}), {recall800.IndexP50:F1} ms |");
}

Console.WriteLine();
Console.WriteLine($"Tool search, offline embedder ({embedder.Dimensions} dims), k=10, {options.Rounds} searches per cell, one client, {Environment.ProcessorCount} cores; both tenants share one table and one HNSW index (m=16, ef_construction=64; search uses ef_search=200).");
Console.WriteLine();
Console.Write(table);
Console.WriteLine();
Console.WriteLine($"total {total.Elapsed.TotalSeconds:F0} s");
return 0;

static string Tenant(int size) => $"bench-{size}";

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Coworker.Orleans.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
