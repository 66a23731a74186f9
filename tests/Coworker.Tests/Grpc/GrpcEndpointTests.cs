using System.Globalization;
using Coworker.Gateway.GrpcServices;
using Coworker.ServiceDefaults;
using Coworker.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coworker.Tests.Grpc;

/// <summary>
/// The Gateway's gRPC endpoint as a deployment configures it (Urls plus Coworker:Grpc:Port), on a host of its own:
/// the Gateway fixture binds its addresses the test factory's way, not through the Urls setting.
/// </summary>
public sealed class GrpcEndpointTests
{
    [Fact]
    public async Task TheGrpcPortIsAddedToTheUrlsAndSpeaksHttp2WhileTheOtherUrlsKeepHttp1()
    {
        var rest = GatewayFixture.FreeLoopbackPort();
        var grpc = GatewayFixture.FreeLoopbackPort();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["urls"] = $"http://127.0.0.1:{rest}";
        builder.Configuration[ConfigKeys.GrpcPort] = grpc.ToString(CultureInfo.InvariantCulture);
        builder.AddGrpcEndpoint();
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        await using var app = builder.Build();
        app.MapGrpcHealthChecksService();
        app.MapGet("/", () => "rest");
        await app.StartAsync();

        using var http = new HttpClient();
        Assert.Equal("rest", await http.GetStringAsync(new Uri($"http://127.0.0.1:{rest}/")));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}");
        // A gRPC answer at all is the point here (this host registers no health checks, so its status is Unknown).
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Unknown, health.Status);
        // An HTTP/1.1 client on the gRPC port is not served.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{grpc}/")));

        await app.StopAsync();
    }
}
