using System.Net;
using System.Net.NetworkInformation;
using Coworker.Execution;

namespace Coworker.Tests.Upstream;

/// <summary>
/// The SSRF guard's decision for one address, row by row of the IANA IPv4 and IPv6 special-purpose address
/// registries, for the IPv6 forms that carry an IPv4 address inside, and for this machine's own addresses.
/// Nothing here opens a connection.
/// </summary>
public sealed class SsrfGuardTests
{
    [Theory]
    // IANA IPv4 special-purpose address registry, one row each (and the multicast block).
    [InlineData("0.0.0.0")]             // 0.0.0.0/8 "this network" (connects to the local host on Linux)
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]            // 10/8 private-use
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.1")]          // 100.64/10 shared address space (CGNAT)
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]           // 127/8 loopback
    [InlineData("127.1.2.3")]
    [InlineData("169.254.169.254")]     // 169.254/16 link-local, the cloud metadata address
    [InlineData("172.16.0.1")]          // 172.16/12 private-use
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.1")]           // 192.0.0/24 IETF protocol assignments
    [InlineData("192.0.0.170")]         // NAT64/DNS64 discovery
    [InlineData("192.0.2.2")]           // 192.0.2/24 TEST-NET-1 (this test machine's own interface lives here)
    [InlineData("192.31.196.1")]        // 192.31.196/24 AS112-v4
    [InlineData("192.52.193.1")]        // 192.52.193/24 AMT
    [InlineData("192.88.99.1")]         // 192.88.99/24 deprecated 6to4 relay anycast
    [InlineData("192.168.1.1")]         // 192.168/16 private-use
    [InlineData("192.175.48.1")]        // 192.175.48/24 direct delegation AS112
    [InlineData("198.18.0.1")]          // 198.18/15 benchmarking
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]        // 198.51.100/24 TEST-NET-2
    [InlineData("203.0.113.9")]         // 203.0.113/24 TEST-NET-3
    [InlineData("224.0.0.1")]           // 224/4 multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]           // 240/4 reserved
    [InlineData("255.255.255.255")]     // limited broadcast
    // IANA IPv6 special-purpose address registry.
    [InlineData("::")]                  // unspecified
    [InlineData("::1")]                 // loopback
    [InlineData("64:ff9b:1::1")]        // 64:ff9b:1::/48 local-use IPv4/IPv6 translation
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("100::1")]              // 100::/64 discard-only
    [InlineData("100:0:0:1::1")]        // 100:0:0:1::/64 dummy prefix
    [InlineData("2001::1")]             // 2001::/23 IETF protocol assignments (Teredo 2001::/32 inside)
    [InlineData("2001:1::1")]           // PCP anycast
    [InlineData("2001:2::1")]           // 2001:2::/48 benchmarking
    [InlineData("2001:3::1")]           // 2001:3::/32 AMT
    [InlineData("2001:4:112::1")]       // AS112-v6
    [InlineData("2001:10::1")]          // 2001:10::/28 ORCHID (deprecated)
    [InlineData("2001:20::1")]          // 2001:20::/28 ORCHIDv2
    [InlineData("2001:30::1")]          // 2001:30::/28 drone remote ID
    [InlineData("2001:db8::1")]         // 2001:db8::/32 documentation
    [InlineData("2620:4f:8000::1")]     // direct delegation AS112
    [InlineData("3fff::1")]             // 3fff::/20 documentation
    [InlineData("5f00::1")]             // 5f00::/16 segment routing SIDs
    [InlineData("fc00::1")]             // fc00::/7 unique local
    [InlineData("fd00::2")]
    [InlineData("fe80::1")]             // fe80::/10 link-local
    [InlineData("febf::1")]
    [InlineData("fec0::1")]             // fec0::/10 site-local (deprecated)
    [InlineData("ff02::1")]             // ff00::/8 multicast
    [InlineData("ff0e::1")]
    // IPv6 forms that carry an IPv4 address: judged by the IPv4 inside.
    [InlineData("::ffff:127.0.0.1")]    // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.0.2.2")]
    [InlineData("::127.0.0.1")]         // IPv4-compatible (deprecated: refused whatever it holds)
    [InlineData("::10.0.0.1")]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::7f00:1")]     // NAT64 well-known prefix, 127.0.0.1 inside
    [InlineData("64:ff9b::a9fe:a9fe")]  // NAT64, 169.254.169.254 inside
    [InlineData("64:ff9b::c000:202")]   // NAT64, 192.0.2.2 inside
    [InlineData("2002:7f00:1::1")]      // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")]    // 6to4 of 192.168.1.1
    [InlineData("2002:a9fe:a9fe::1")]   // 6to4 of 169.254.169.254
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo, obfuscated client 127.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe")] // Teredo, obfuscated client 10.0.0.1
    [InlineData("2600:1f00::5efe:a00:1")]      // ISATAP interface id, 10.0.0.1 inside
    [InlineData("2600:1f00::200:5efe:7f00:1")] // ISATAP (universal bit), 127.0.0.1 inside
    [InlineData("2600:1f00::5efe:a9fe:a9fe")]  // ISATAP, 169.254.169.254 inside
    public void SpecialPurposeAddressesAreRefused(string address) =>
        Assert.True(SsrfGuard.IsRestricted(IPAddress.Parse(address)), $"{address} should be refused");

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]      // just below 100.64/10
    [InlineData("100.128.0.1")]         // just above it
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("192.88.98.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")] // outside 2001::/23
    [InlineData("2a00:1450:4001::1")]
    [InlineData("::ffff:8.8.8.8")]       // IPv4-mapped public address
    [InlineData("64:ff9b::808:808")]     // NAT64 of a public address (how IPv6-only networks reach IPv4 APIs)
    [InlineData("2002:808:808::1")]      // 6to4 of a public address
    [InlineData("2600:1f00::5efe:808:808")] // ISATAP-shaped interface id holding a public address
    public void PublicAddressesAreAllowed(string address) =>
        Assert.False(SsrfGuard.IsRestricted(IPAddress.Parse(address)), $"{address} should be allowed");

    [Fact]
    public async Task EveryAddressOfThisMachineIsRefused()
    {
        // What the machine's own name resolves to and every address on its interfaces: services listening on all
        // interfaces answer there, so these must be refused even when they are not in a special-purpose range.
        var own = (await Dns.GetHostAddressesAsync(Dns.GetHostName()))
            .Concat(NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address)))
            .ToList();
        Assert.NotEmpty(own);
        Assert.All(own, address => Assert.True(SsrfGuard.IsRestricted(address), $"this machine's address {address} should be refused"));
    }

    [Fact]
    public void AnOwnAddressOutsideTheSpecialRangesIsRefused()
    {
        // A machine with a public interface address: the guard refuses it as "this machine", not by range.
        var publicOwn = IPAddress.Parse("203.0.114.7");
        Assert.Null(SsrfGuard.Refusal(publicOwn, new HashSet<IPAddress>()));
        Assert.NotNull(SsrfGuard.Refusal(publicOwn, new HashSet<IPAddress> { publicOwn }));
        // The same address carried inside an IPv6 form is refused too.
        Assert.NotNull(SsrfGuard.Refusal(IPAddress.Parse("::ffff:203.0.114.7"), new HashSet<IPAddress> { publicOwn }));
        Assert.NotNull(SsrfGuard.Refusal(IPAddress.Parse("64:ff9b::cb00:7207"), new HashSet<IPAddress> { publicOwn }));
    }

    [Fact]
    public void TheTenantAllowlistStillPermitsLoopbackExplicitly()
    {
        var allowlist = new NetworkAllowlist(["127.0.0.1"]);
        Assert.True(allowlist.Allows("127.0.0.1", IPAddress.Loopback));
        Assert.True(allowlist.Allows("localhost", IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(allowlist.Allows("127.0.0.1", IPAddress.Parse("10.0.0.1")));
    }
}
