using System.Diagnostics;
using Coworker.Catalog.Search;
using Coworker.Storage;
using Microsoft.Extensions.AI;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Coworker.Bench.Search;

/// <summary>A throw-away database with the project's schema, bulk-loaded with COPY and indexed afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private BenchDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverConnectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        var name = $"coworker_bench_search_{DateTime.UtcNow:MMddHHmmss}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var target = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        await new SchemaMigrator(target.ConnectionString).MigrateAsync();
        return new BenchDatabase(admin.ConnectionString, name, target.ConnectionString);
    }

    /// <summary>Embeds on all cores and writes with binary COPY (the HNSW index is built afterwards, which is faster).</summary>
    public async Task<TimeSpan> LoadAsync(
        NpgsqlDataSource dataSource, IEmbeddingGenerator<string, Embedding<float>> embedder, string embedderId, IReadOnlyList<ToolSearchDocument> tools)
    {
        var watch = Stopwatch.StartNew();
        var vectors = new float[tools.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, (tools.Count + 255) / 256), async (chunk, ct) =>
        {
            var slice = tools.Skip(chunk * 256).Take(256).ToList();
            var embeddings = await embedder.GenerateAsync(slice.Select(ToolSearchText.ForEmbedding), null, ct);
            for (var i = 0; i < slice.Count; i++)
            {
                vectors[(chunk * 256) + i] = embeddings[i].Vector.ToArray();
            }
        });

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY coworker.tool_search (tenant_id, tool_name, title, description, method, path_template, parameter_names,
                tags, status, source_id, name_words, extra_words, embedding, embedder_id) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var t = tools[i];
                await writer.StartRowAsync();
                await writer.WriteAsync(t.Tenant, NpgsqlDbType.Text);
                await writer.WriteAsync(t.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(t.Title, NpgsqlDbType.Text);
                await writer.WriteAsync(t.Description, NpgsqlDbType.Text);
                await writer.WriteAsync(t.Method, NpgsqlDbType.Text);
                await writer.WriteAsync(t.PathTemplate, NpgsqlDbType.Text);
                await writer.WriteAsync(t.ParameterNames.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(t.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(t.Status, NpgsqlDbType.Text);
                await writer.WriteAsync(t.SourceId, NpgsqlDbType.Text);
                await writer.WriteAsync(ToolSearchText.NameWords(t.Name), NpgsqlDbType.Text);
                await writer.WriteAsync(ToolSearchText.ExtraWords(t), NpgsqlDbType.Text);
                await writer.WriteAsync(new Vector(vectors[i]));
                await writer.WriteAsync(embedderId, NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        return watch.Elapsed;
    }

    public async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
