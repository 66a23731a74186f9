using Coworker.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// gRPC needs HTTP/2, and Kestrel serves HTTP/2 without TLS only on an endpoint that speaks nothing else (with
/// Http1AndHttp2 a cleartext connection is HTTP/1.1 and a prior-knowledge HTTP/2 client is refused with
/// HTTP_1_1_REQUIRED). So gRPC has its own port, <c>Coworker:Grpc:Port</c> (5081 by default, 0 to turn it off):
/// the Gateway adds it to its URLs with the host of the first one, and whichever way an endpoint on that port was
/// configured (URLs, Kestrel settings, a test host) it is made HTTP/2-only. REST and MCP stay on the other URLs.
/// </summary>
public static class GrpcEndpoint
{
    public static WebApplicationBuilder AddGrpcEndpoint(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue<int?>(ConfigKeys.GrpcPort) ?? 0;
        if (port <= 0)
        {
            return builder;
        }

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (!string.IsNullOrWhiteSpace(urls) && !urls.Split(';').Any(url => BindingAddress.Parse(url.Trim()).Port == port))
        {
            var first = BindingAddress.Parse(urls.Split(';')[0].Trim());
            builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), $"http://{first.Host}:{port}"]);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (listen.IPEndPoint?.Port == port)
            {
                listen.Protocols = HttpProtocols.Http2;
            }
        }));
        return builder;
    }
}
