using System.Net;
using System.Net.Sockets;

namespace Coworker.Execution;

/// <summary>
/// Refuses connections to special-purpose addresses (<see cref="SpecialPurposeAddresses"/>), to IPv6 forms that
/// carry such an IPv4 address (<see cref="EmbeddedIPv4"/>) and to this machine's own addresses
/// (<see cref="HostAddresses"/>), unless the tenant allowlists them. It runs in the socket connect callback, on
/// the addresses actually dialled, so a DNS answer that changes between a check and the connect (rebinding)
/// cannot slip through: nothing is checked earlier, nothing later is dialled unchecked.
/// </summary>
public static class SsrfGuard
{
    /// <summary>The HttpRequestMessage option carrying the tenant's allowlist to the connect callback.</summary>
    public static readonly HttpRequestOptionsKey<NetworkAllowlist> AllowlistOption = new("coworker.network-allowlist");

    /// <summary>Why <paramref name="address"/> is refused (a range name, or "this machine's own address"), or null.</summary>
    public static string? Refusal(IPAddress address, IReadOnlySet<IPAddress> ownAddresses)
    {
        address = HostAddresses.Normalise(address);
        if (ownAddresses.Contains(address))
        {
            return "this machine's own address";
        }

        if (SpecialPurposeAddresses.Find(address) is { } range)
        {
            return range;
        }

        foreach (var inner in EmbeddedIPv4.Find(address))
        {
            if (Refusal(inner, ownAddresses) is { } reason)
            {
                return reason + ", inside an IPv6 address";
            }
        }

        return null;
    }

    /// <summary>
    /// The guard's decision with this machine's current addresses (read on first use, which blocks once): for tests
    /// and diagnostics. The connect callback reads them asynchronously.
    /// </summary>
    public static bool IsRestricted(IPAddress address) =>
        Refusal(address, HostAddresses.GetAsync().AsTask().GetAwaiter().GetResult()) is not null;

    /// <summary>SocketsHttpHandler.ConnectCallback: resolve, vet every address, connect only to the allowed ones.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allowlist = context.InitialRequestMessage.Options.TryGetValue(AllowlistOption, out var list) ? list : NetworkAllowlist.Empty;
        var own = await HostAddresses.GetAsync(cancellationToken).ConfigureAwait(false);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = new List<IPAddress>(addresses.Length);
        string? refusal = null;
        foreach (var address in addresses)
        {
            var reason = Refusal(address, own);
            if (reason is null || allowlist.Allows(host, address))
            {
                allowed.Add(address);
            }
            else
            {
                refusal ??= reason;
            }
        }

        if (allowed.Count == 0)
        {
            // The range is named, never the address: a tenant learns why, not the layout of our network.
            throw new UpstreamBlockedException(
                $"'{host}' resolves to a private or reserved address ({refusal ?? "no address at all"}); the tenant has not allowlisted it.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
