using Coworker.Catalog.Search;
using Coworker.Embeddings;
using Coworker.Storage;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Search;

/// <summary>
/// A fresh database with the project's schema, and - when ../shared is there - the shared corpus (~1,800 tools)
/// indexed once as tenant <see cref="CorpusTenant"/> by the offline embedder.
/// </summary>
public sealed class SearchDatabaseFixture : IAsyncLifetime
{
    public const string CorpusTenant = "eval";

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public ToolSearchDataSource DataSource { get; private set; } = null!;

    public OfflineEmbeddingGenerator Embedder { get; } = new();

    public IReadOnlyList<ToolSearchDocument> Corpus { get; private set; } = [];

    public PgToolSearchIndex CreateIndex(ToolSearchOptions? options = null) => new(DataSource, Embedder, options);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(_database.ConnectionString).MigrateAsync();
        DataSource = new ToolSearchDataSource(_database.ConnectionString);
        if (TestEnvironment.SharedDirectory is { } shared)
        {
            Corpus = SharedToolCorpus.Load(shared, CorpusTenant);
            var index = CreateIndex();
            foreach (var chunk in Corpus.Chunk(200))
            {
                await index.UpsertManyAsync(chunk);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SearchDatabaseCollection : ICollectionFixture<SearchDatabaseFixture>
{
    public const string Name = "search-database";
}
