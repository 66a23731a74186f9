using Coworker.Catalog.Imports;
using Coworker.Catalog.Search;
using Coworker.Catalog.Tools;
using Coworker.Events;
using Coworker.Execution;
using Coworker.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Net;
using Npgsql;

namespace Coworker;

/// <summary>
/// Registers what the grains depend on: the NATS connection and event publisher, the PostgreSQL
/// projections and search index, and the guarded upstream HTTP execution.
/// </summary>
public static class GrainServices
{
    public static IServiceCollection AddCoworkerGrainServices(
        this IServiceCollection services, string postgresConnectionString, string natsUrl, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(postgresConnectionString));
        // One data source (connection pool) for every projection the grains write.
        services.AddSingleton<ProjectionStore>();
        services.AddSingleton<ToolProjection>();
        services.AddSingleton(_ => new NatsClient(new NatsOpts { Url = natsUrl, Name = "coworker-silo" }));
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<EventPublisher>());
        services.AddToolSearch(postgresConnectionString, configuration);
        services.AddUpstreamExecution(configuration);
        services.AddSingleton<PublishedToolCache>();
        services.AddHostedService<PublishedToolCacheInvalidator>();
        services.AddSingleton<DescriptionFetcher>();
        services.AddAudit(configuration);
        return services;
    }
}
