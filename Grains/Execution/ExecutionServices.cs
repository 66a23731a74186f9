using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Coworker.Execution;

public static class ExecutionServices
{
    /// <summary>The upstream HttpClient: SSRF guard in the connect callback, no automatic redirects (each hop must be vetted), pooled connections.</summary>
    public static IServiceCollection AddUpstreamExecution(this IServiceCollection services, IConfiguration? configuration)
    {
        var options = services.AddOptions<UpstreamOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(UpstreamOptions.Section));
        }

        services.AddHttpClient(UpstreamExecutor.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = SsrfGuard.ConnectAsync,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                UseCookies = false,
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // IHttpClientFactory's per-request log lines (4 per call) cost more than the call's own work; every
            // call's outcome, status and latency are in its audit event instead.
            .RemoveAllLoggers()
            .AddResilienceHandler("upstream", UpstreamResilience.Configure)
            // One pipeline, and so one circuit breaker, per upstream host: a failing API pauses only itself.
            .SelectPipelineByAuthority();
        services.TryAddSingleton<ICredentialResolver, NoCredentialResolver>();
        services.AddSingleton<UpstreamExecutor>();
        return services;
    }
}
