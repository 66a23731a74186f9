using Coworker.Events;
using Coworker.Projections;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Net;

namespace Coworker;

/// <summary>Registers what the grains depend on: the NATS connection, the event publisher, the PostgreSQL projections.</summary>
public static class GrainServices
{
    public static IServiceCollection AddCoworkerGrainServices(this IServiceCollection services, string postgresConnectionString, string natsUrl)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new ProjectionStore(postgresConnectionString));
        services.AddSingleton(_ => new NatsClient(new NatsOpts { Url = natsUrl, Name = "coworker-silo" }));
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<EventPublisher>());
        return services;
    }
}
