using Coworker.Grpc.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coworker.Client;

/// <summary>Registers <see cref="CoworkerClient"/> with dependency injection, on Grpc.Net.ClientFactory.</summary>
public static class CoworkerClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CoworkerClient"/> (transient, over pooled HTTP handlers from the client factory) and the
    /// generated gRPC clients of <c>Coworker.Grpc.V1</c>, all carrying the API key and retrying reads.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the address, API key, tenant and deadline.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddCoworkerClient(this IServiceCollection services, Action<CoworkerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CoworkerClientOptions>().Configure(configure)
            .Validate(o => o.Address is not null, "CoworkerClientOptions.Address is required.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Tenant), "CoworkerClientOptions.Tenant is required.");
        Add<ToolService.ToolServiceClient>(services);
        Add<ToolCallService.ToolCallServiceClient>(services);
        Add<AgentService.AgentServiceClient>(services);
        Add<AuditService.AuditServiceClient>(services);
        Add<UsageService.UsageServiceClient>(services);
        Add<ImportService.ImportServiceClient>(services);
        services.AddTransient(sp => new CoworkerClient(
            sp.GetRequiredService<ToolService.ToolServiceClient>(), sp.GetRequiredService<ToolCallService.ToolCallServiceClient>(),
            sp.GetRequiredService<AgentService.AgentServiceClient>(), sp.GetRequiredService<AuditService.AuditServiceClient>(),
            sp.GetRequiredService<UsageService.UsageServiceClient>(), sp.GetRequiredService<ImportService.ImportServiceClient>(),
            sp.GetRequiredService<IOptions<CoworkerClientOptions>>().Value));
        return services;
    }

    private static void Add<TClient>(IServiceCollection services)
        where TClient : class =>
        services.AddGrpcClient<TClient>((sp, o) => o.Address = sp.GetRequiredService<IOptions<CoworkerClientOptions>>().Value.Address)
            .ConfigureChannel((sp, channel) =>
                channel.ServiceConfig = CoworkerClient.CreateChannelOptions(sp.GetRequiredService<IOptions<CoworkerClientOptions>>().Value).ServiceConfig)
            .AddInterceptor(InterceptorScope.Client, sp => new BearerInterceptor(sp.GetRequiredService<IOptions<CoworkerClientOptions>>().Value.ApiKey));
}
