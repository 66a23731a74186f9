using Coworker.Storage;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Storage;

/// <summary>The schema migrator every silo (and the CLI) runs at start, on a fresh database per test.</summary>
public sealed class MigratorTests
{
    [Fact]
    public async Task MigratingTwiceAppliesNothingTheSecondTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = new SchemaMigrator(database.ConnectionString);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Equal(SchemaMigrator.Migrations.Count, await database.ScalarAsync<long>("SELECT count(*) FROM coworker.schema_migrations"));
    }

    [Fact]
    public async Task TwoMigratorsRunningConcurrentlyOnAnEmptyDatabaseBothSucceedAndRecordEachScriptOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var start = new Barrier(2);

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await new SchemaMigrator(database.ConnectionString).MigrateAsync();
        })));

        // One of them applied everything, the other waited for it and found nothing left to do.
        Assert.Equal(SchemaMigrator.Migrations.Count, runs.Sum(applied => applied.Count));
        Assert.Contains(runs, applied => applied.Count == 0);
        Assert.Equal(SchemaMigrator.Migrations.Count, await database.ScalarAsync<long>("SELECT count(*) FROM coworker.schema_migrations"));
        Assert.Equal(ProviderQueries.All.Count, await database.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public void OrleansScriptsComeFirstSoProvidersFindTheirTablesBeforeCoworkersOwn()
    {
        var orleans = SchemaMigrator.Migrations.Where(m => m.Name.Contains("_orleans_", StringComparison.Ordinal)).Select(m => m.Version);
        Assert.Equal([1, 2, 3, 4], orleans);
    }
}
