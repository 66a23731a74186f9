using System.Collections.Concurrent;
using Coworker.Client;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Tests.Sdk;

/// <summary>
/// The client's service config against a real HTTP/2 server on 127.0.0.1 that answers every gRPC call UNAVAILABLE
/// (as a restarting Gateway would): read methods are retried, a tool call is sent once.
/// </summary>
public sealed class SdkRetryTests
{
    [Fact]
    public async Task AReadAnsweredUnavailableIsRetriedAndAToolCallIsNot()
    {
        var hits = new ConcurrentDictionary<string, int>();
        await using var server = await StartUnavailableServerAsync(hits);
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new CoworkerClient(new CoworkerClientOptions
        {
            Address = new Uri(address), ApiKey = "key", Tenant = "t", MaxReadAttempts = 3,
        });

        var read = await Assert.ThrowsAsync<CoworkerException>(() => client.Tools.GetAsync("tool"));
        var call = await Assert.ThrowsAsync<CoworkerException>(() => client.Tools.CallAsync("bot", "tool", new { x = 1 }));

        Assert.Equal(StatusCode.Unavailable, read.StatusCode);
        Assert.Equal(StatusCode.Unavailable, call.StatusCode);
        Assert.Equal(3, hits["/coworker.v1.ToolService/GetTool"]);
        Assert.Equal(1, hits["/coworker.v1.ToolCallService/CallTool"]);
    }

    private static async Task<WebApplication> StartUnavailableServerAsync(ConcurrentDictionary<string, int> hits)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            hits.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            // A trailers-only gRPC answer: the status in the headers, no body.
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "14";
            context.Response.Headers["grpc-message"] = "restarting";
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return app;
    }
}
