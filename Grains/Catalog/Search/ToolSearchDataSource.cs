using Npgsql;
using Pgvector.Npgsql;

namespace Coworker.Catalog.Search;

/// <summary>The PostgreSQL data source of tool search, with pgvector's type mapping (its own, so that other
/// components' data sources stay as they are).</summary>
public sealed class ToolSearchDataSource : IAsyncDisposable, IDisposable
{
    public ToolSearchDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
