using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Coworker.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics for Orleans, ASP.NET Core, HTTP and Npgsql, exported over OTLP when an
    /// endpoint is configured. Without one nothing is collected: recording spans and histograms that no exporter
    /// ever sends cost a measurable share of every tool call (docs/benchmarks.md).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[ConfigKeys.OtlpEndpoint]))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(serviceName))
                .WithTracing(tracing => tracing
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Coworker")
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .WithMetrics(metrics => metrics
                    .AddMeter("Microsoft.Orleans", "Coworker")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation())
                .UseOtlpExporter();
        }

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>/health/live answers while the process runs; /health/ready runs every registered check.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        endpoints.MapHealthChecks("/health/ready");
        return endpoints;
    }
}
