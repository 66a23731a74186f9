using System.Net;
using System.Net.Sockets;

namespace Coworker.ServiceDefaults.Security;

/// <summary>
/// The "source" that failure limits and failure audits are kept per: the client's IPv4 address, or the /64 an IPv6
/// client sits in (one host usually owns a whole /64, so counting single IPv6 addresses would let it rotate through
/// 2^64 of them). The peer address of the TCP connection, never a forwarded header: a proxy in front of the
/// Gateway must be configured (ForwardedHeaders) to rewrite it before this sees it.
/// </summary>
public static class SourceAddress
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
