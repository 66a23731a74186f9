using System.Net;
using System.Net.NetworkInformation;

namespace Coworker.Execution;

/// <summary>
/// This machine's own addresses: every interface address and what its host name resolves to. A service that
/// listens on all interfaces answers on them, and a cloud VM's interface address is often an ordinary public
/// one that no range rule catches. Read at start (<see cref="HostAddressesWarmup"/>), re-read on use once they
/// are a minute old or the OS has reported an address change.
/// </summary>
public static class HostAddresses
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan NameLookupLimit = TimeSpan.FromSeconds(2);
    private static volatile Snapshot? _current;

    static HostAddresses()
    {
        try
        {
            NetworkChange.NetworkAddressChanged += (_, _) => _current = null;
        }
        catch (PlatformNotSupportedException)
        {
            // The minute's refresh still applies.
        }
    }

    public static async ValueTask<IReadOnlySet<IPAddress>> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _current;
        if (current is not null && Environment.TickCount64 - current.ReadAt < MaxAge.TotalMilliseconds)
        {
            return current.Addresses;
        }

        var fresh = new Snapshot(await ReadAsync(cancellationToken).ConfigureAwait(false), Environment.TickCount64);
        _current = fresh;
        return fresh.Addresses;
    }

    private static async Task<HashSet<IPAddress>> ReadAsync(CancellationToken cancellationToken)
    {
        var addresses = new HashSet<IPAddress>();
        foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            {
                addresses.Add(Normalise(unicast.Address));
            }
        }

        // The host name usually resolves from /etc/hosts; a slow or failing resolver must not hold up tool calls,
        // and the interface addresses above are the ones that matter most.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(NameLookupLimit);
        try
        {
            foreach (var address in await Dns.GetHostAddressesAsync(Dns.GetHostName(), limit.Token).ConfigureAwait(false))
            {
                addresses.Add(Normalise(address));
            }
        }
        catch (Exception failure) when (failure is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Unresolvable or slow: the interface addresses stand alone until the next refresh.
        }

        return addresses;
    }

    /// <summary>Without the IPv6 scope id, which IPAddress.Equals compares and a dialled address does not carry.</summary>
    public static IPAddress Normalise(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes())
        : address;

    private sealed record Snapshot(IReadOnlySet<IPAddress> Addresses, long ReadAt);
}
