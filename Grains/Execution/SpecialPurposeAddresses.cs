using System.Net;

namespace Coworker.Execution;

/// <summary>
/// The IANA IPv4 and IPv6 special-purpose address registries (plus multicast and the deprecated site-local
/// block): every range an upstream API has no business living in. All of a row is refused, including the few
/// the registry marks globally reachable (AS112, AMT, anycast service addresses): no tool needs them, and a
/// shorter rule is easier to trust. The IPv6 blocks that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96,
/// 6to4) are not rows here: <see cref="EmbeddedIPv4"/> judges them by the IPv4 address inside.
/// </summary>
public static class SpecialPurposeAddresses
{
    private static readonly (IPNetwork Network, string Name)[] Rows =
    [
        // IPv4 (https://www.iana.org/assignments/iana-ipv4-special-registry)
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private-use (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local and cloud metadata (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private-use (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (IPNetwork.Parse("192.31.196.0/24"), "AS112 (192.31.196.0/24)"),
        (IPNetwork.Parse("192.52.193.0/24"), "AMT (192.52.193.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private-use (192.168.0.0/16)"),
        (IPNetwork.Parse("192.175.48.0/24"), "AS112 direct delegation (192.175.48.0/24)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4, with 255.255.255.255)"),

        // IPv6 (https://www.iana.org/assignments/iana-ipv6-special-registry)
        (IPNetwork.Parse("::/96"), "unspecified, loopback or IPv4-compatible (::/96)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use IPv4/IPv6 translation (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("100:0:0:1::/64"), "dummy prefix (100:0:0:1::/64)"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments, Teredo included (2001::/23)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (IPNetwork.Parse("2620:4f:8000::/48"), "AS112 direct delegation (2620:4f:8000::/48)"),
        (IPNetwork.Parse("3fff::/20"), "documentation (3fff::/20)"),
        (IPNetwork.Parse("5f00::/16"), "segment routing (5f00::/16)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
    ];

    /// <summary>The name of the special-purpose range holding <paramref name="address"/>, or null.</summary>
    public static string? Find(IPAddress address)
    {
        foreach (var (network, name) in Rows)
        {
            if (network.Contains(address))
            {
                return name;
            }
        }

        return null;
    }
}
