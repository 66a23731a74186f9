using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Coworker.Execution;

public static class ExecutionServices
{
    /// <summary>
    /// The upstream HttpClient: connection pools per tenant and allowlist (<see cref="TenantConnectionPools"/>),
    /// SSRF guard in the connect callback, no proxy (a proxy would dial the destination
    /// itself, past the guard), no automatic redirects (each hop must be vetted), pooled connections.
    /// </summary>
    public static IServiceCollection AddUpstreamExecution(this IServiceCollection services, IConfiguration? configuration)
    {
        var options = services.AddOptions<UpstreamOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(UpstreamOptions.Section));
        }

        services.AddHttpClient(UpstreamExecutor.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new TenantConnectionPools(() => new SocketsHttpHandler
            {
                ConnectCallback = SsrfGuard.ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                UseCookies = false,
            }))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // IHttpClientFactory's per-request log lines (4 per call) cost more than the call's own work; every
            // call's outcome, status and latency are in its audit event instead.
            .RemoveAllLoggers()
            .AddResilienceHandler("upstream", UpstreamResilience.Configure)
            // One pipeline, and so one circuit breaker, per tenant and upstream host: a failing API pauses only
            // itself, and only for the tenant whose calls failed.
            .SelectPipelineBy(_ => UpstreamPipelineKey.For);
        services.TryAddSingleton<ICredentialResolver, NoCredentialResolver>();
        services.AddSingleton<UpstreamExecutor>();
        services.AddHostedService<HostAddressesWarmup>();
        return services;
    }
}
