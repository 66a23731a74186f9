using Coworker.Storage;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Storage;

/// <summary>A fresh database with every migration applied, shared by one test class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(Database.ConnectionString).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
