using Coworker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Silo;

/// <summary>
/// Runs the schema migrator at the very first stage of the silo lifecycle, before the membership
/// table is read: a silo started against an empty database creates the schema it needs itself.
/// </summary>
internal sealed partial class SchemaMigrationStartup(string connectionString, ILogger<SchemaMigrationStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationStartup), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await new SchemaMigrator(connectionString).MigrateAsync(cancellationToken);
        LogMigrated(applied.Count, string.Join(", ", applied));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema migration applied {Count} script(s): {Names}")]
    private partial void LogMigrated(int count, string names);
}

internal static class SchemaMigrationExtensions
{
    public static ISiloBuilder AddSchemaMigration(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            new SchemaMigrationStartup(connectionString, services.GetRequiredService<ILogger<SchemaMigrationStartup>>()));
        return silo;
    }
}
