using System.Net;
using System.Net.Sockets;

namespace Coworker.Execution;

/// <summary>
/// Refuses connections to private, loopback, link-local, CGNAT, multicast and cloud-metadata addresses
/// unless the tenant allowlists them. It runs in the socket connect callback, on the addresses actually
/// dialled, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
/// </summary>
public static class SsrfGuard
{
    /// <summary>The HttpRequestMessage option carrying the tenant's allowlist to the connect callback.</summary>
    public static readonly HttpRequestOptionsKey<NetworkAllowlist> AllowlistOption = new("coworker.network-allowlist");

    public static bool IsRestricted(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || b[0] == 0 || b[0] >= 224
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)             // link-local, incl. 169.254.169.254 metadata
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                || (b[0] == 192 && b[1] == 0 && b[2] == 0);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (address.GetAddressBytes()[0] & 0xFE) == 0xFC; // unique local fc00::/7
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: resolve, vet every address, connect to the first allowed one.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allowlist = context.InitialRequestMessage.Options.TryGetValue(AllowlistOption, out var list) ? list : NetworkAllowlist.Empty;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => !IsRestricted(a) || allowlist.Allows(host, a)).ToList();
        if (allowed.Count == 0)
        {
            throw new UpstreamBlockedException($"'{host}' resolves to a private or reserved address; the tenant has not allowlisted it.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The SSRF guard refused the destination.</summary>
public sealed class UpstreamBlockedException(string message) : Exception(message);
