using Coworker.Audit;
using Coworker.Events;
using Coworker.Storage.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coworker;

/// <summary>Registers the audit pipeline on a silo.</summary>
public static class AuditServices
{
    /// <summary>
    /// The audit log (<see cref="IAuditLog"/>, JetStream), the writer that moves events into PostgreSQL, the
    /// reader and verifier behind <see cref="IAuditQueryGrain"/>, and admin-change auditing of lifecycle events.
    /// Call after the <see cref="IEventPublisher"/> and the NATS client and <c>NpgsqlDataSource</c> are registered:
    /// it wraps that publisher.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Coworker:Audit:BatchSize must be between 1 and 10000.")
            .Validate(o => o.BatchWait > TimeSpan.Zero && o.AckWait > o.BatchWait, "Coworker:Audit: BatchWait must be positive and shorter than AckWait.")
            .Validate(o => o.MaxEventsPerMessage is >= 1 and <= 10_000, "Coworker:Audit:MaxEventsPerMessage must be between 1 and 10000.")
            .Validate(o => o.MaxMessageBytes is >= 4_096 and <= 64 * 1024 * 1024, "Coworker:Audit:MaxMessageBytes must be between 4 KiB and 64 MiB.")
            .Validate(o => o.PublishesInFlight is >= 1 and <= 64, "Coworker:Audit:PublishesInFlight must be between 1 and 64.")
            .ValidateOnStart();
        services.AddSingleton<AuditStream>();
        // Keyed from the master keys (registered by AddSecrets), which every silo of the deployment shares.
        services.AddSingleton<AuditSigner>();
        services.AddSingleton<IAuditLog, JetStreamAuditLog>();
        services.AddSingleton<AuditPartitions>();
        services.AddSingleton<AuditBatchStore>();
        services.AddSingleton<AuditReader>();
        services.AddSingleton<AuditVerifier>();
        services.AddHostedService<AuditWriter>();
        services.AddSingleton<AuditRetryQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditRetryQueue>());
        DecorateEventPublisher(services);
        return services;
    }

    private static void DecorateEventPublisher(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IEventPublisher))
            ?? throw new InvalidOperationException("AddAudit must come after the IEventPublisher registration (AddCoworkerGrainServices).");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IEventPublisher), sp => new AuditingEventPublisher(
            Resolve(sp, registered), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<AuditRetryQueue>()), registered.Lifetime));
    }

    private static IEventPublisher Resolve(IServiceProvider services, ServiceDescriptor descriptor) => (IEventPublisher)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.GetServiceOrCreateInstance(services, descriptor.ImplementationType!));
}
