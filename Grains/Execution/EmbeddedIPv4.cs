using System.Net;
using System.Net.Sockets;

namespace Coworker.Execution;

/// <summary>
/// The IPv4 address an IPv6 address carries, for the forms that route to (or name) that IPv4 host: a guard
/// that judged only the IPv6 bits would let <c>64:ff9b::a9fe:a9fe</c> reach the metadata service on a NAT64
/// network. Every form found is judged by the IPv4 rules.
/// </summary>
public static class EmbeddedIPv4
{
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>Every IPv4 address carried by <paramref name="address"/> (none for an IPv4 address or a plain IPv6 one).</summary>
    public static IEnumerable<IPAddress> Find(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            yield break;
        }

        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:a.b.c.d: a dual-stack socket connects to a.b.c.d itself.
            yield return address.MapToIPv4();
        }
        else if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // ::a.b.c.d, IPv4-compatible (deprecated; refused as a range anyway).
            yield return new IPAddress(b.AsSpan(12, 4));
        }

        if (Nat64.Contains(address))
        {
            yield return new IPAddress(b.AsSpan(12, 4));
        }

        if (SixToFour.Contains(address))
        {
            // 2002:aabb:ccdd::/48 is the 6to4 site of aa.bb.cc.dd.
            yield return new IPAddress(b.AsSpan(2, 4));
        }

        if (Teredo.Contains(address))
        {
            // 2001:0:<server>:<flags>:<port ^ ffff>:<client ^ ffffffff>: the server, and the client de-obfuscated.
            yield return new IPAddress(b.AsSpan(4, 4));
            yield return new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]);
        }

        // ISATAP interface identifier, under any /64: ...:0000:5efe:a.b.c.d or ...:0200:5efe:a.b.c.d (u/l bit).
        if ((b[8] & 0xFD) == 0 && b[9] == 0 && b[10] == 0x5E && b[11] == 0xFE)
        {
            yield return new IPAddress(b.AsSpan(12, 4));
        }
    }
}
