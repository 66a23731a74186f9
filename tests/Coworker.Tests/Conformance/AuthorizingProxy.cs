using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Tests.Conformance;

/// <summary>
/// TEST-ONLY. A reverse proxy on 127.0.0.1 that adds <c>Authorization: Bearer &lt;agent key&gt;</c> to every
/// request and forwards it, unchanged otherwise, to the Gateway. It exists only because the MCP conformance
/// suite (server mode) has no way to send a header: it takes nothing but <c>--url</c>. Like a reverse proxy that
/// publishes the Gateway under its own name, it maps its own name back to the Gateway's (a Host or Origin naming
/// the proxy becomes the Gateway's address, which the Gateway serves); any other Host or Origin is forwarded exactly
/// as the suite sent it (its DNS-rebinding scenario depends on that). Request and response bodies are streamed
/// (SSE), and a client that goes away cancels the upstream request.
/// The Gateway's authentication is untouched: without this proxy every scenario gets 401.
/// </summary>
public sealed class AuthorizingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _upstream;
    private int _forwarded;

    private AuthorizingProxy(WebApplication app, HttpMessageInvoker upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many requests were forwarded, for the test output.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    public static async Task<AuthorizingProxy> StartAsync(Uri target, string bearerToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        });
        var proxy = new AuthorizingProxy(app, upstream);
        app.Run(context => proxy.ForwardAsync(context, target, bearerToken, proxy.BaseAddress));
        await app.StartAsync();
        proxy.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, Uri target, string bearerToken, Uri self)
    {
        Interlocked.Increment(ref _forwarded);
        var incoming = context.Request;
        var aborted = context.RequestAborted;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method),
            new Uri(target, incoming.PathBase.Add(incoming.Path).ToUriComponent() + incoming.QueryString.ToUriComponent()));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name) || string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        // The agent's key, and the proxy's own name mapped to the Gateway's; a foreign Host or Origin passes unchanged.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        var ownName = string.Equals(incoming.Host.Value, self.Authority, StringComparison.OrdinalIgnoreCase);
        request.Headers.Host = ownName ? target.Authority : incoming.Host.Value;
        if (incoming.Headers.Origin.ToString() is { Length: > 0 } origin
            && string.Equals(origin, self.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Remove("Origin");
            request.Headers.TryAddWithoutValidation("Origin", target.GetLeftPart(UriPartial.Authority));
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(request, aborted);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(aborted);
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer, aborted)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                    await context.Response.Body.FlushAsync(aborted); // SSE events must not wait in a buffer
                }
            }
            catch (Exception) when (aborted.IsCancellationRequested)
            {
                // The client closed the stream (e.g. cancelled an SSE read); the upstream request is cancelled with it.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
