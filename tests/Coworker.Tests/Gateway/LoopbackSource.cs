using System.Net;
using System.Net.Sockets;

namespace Coworker.Tests.Gateway;

/// <summary>
/// HTTP clients whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, …: Linux routes all
/// of 127.0.0.0/8 to the loopback interface), so a test can be several distinct sources to a server on 127.0.0.1
/// without trusting any forwarded header. Each client connects to the server's port on 127.0.0.1.
/// </summary>
public static class LoopbackSource
{
    public static HttpClient Client(Uri baseAddress, string source, string? key = null, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
