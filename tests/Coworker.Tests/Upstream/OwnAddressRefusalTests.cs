using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Coworker.Execution;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Upstream;

/// <summary>
/// A tool pointed at this machine (its host name, its interface addresses) is refused even for a tenant that
/// allowlists 127.0.0.1. The test machine allows traffic only to 127.0.0.0/8, so the guard's decision for every
/// one of those addresses is asserted first: if any were let through the test stops before sending anything.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OwnAddressRefusalTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AToolPointedAtThisMachinesOwnAddressesIsRefusedBeforeAnyConnection()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var port = new Uri(upstream.BaseUrl).Port;
        var hostName = Dns.GetHostName();
        var interfaces = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .ToList();

        // The refusal precedes the connection: the guard (the same code the connect callback runs) refuses every
        // address the host name resolves to and every interface address.
        foreach (var address in (await Dns.GetHostAddressesAsync(hostName)).Concat(interfaces))
        {
            Assert.True(SsrfGuard.IsRestricted(address), $"{address} (this machine) must be refused before any connection");
        }

        // The tenant allowlists loopback, as tests do: that must not open this machine's other addresses.
        foreach (var address in interfaces)
        {
            var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            var scenario = await UpstreamScenario.CreateAsync(gateway, $"http://{host}:{port}", allowLoopback: true);
            var run = await scenario.RunAsync("GET /pets/{petId}", new { petId = 1 });
            Assert.Equal("blocked", run.Outcome);
            Assert.Null(run.Status);
        }

        // The machine's own name, for a tenant with no allowlist (here it may resolve to loopback).
        var byName = await UpstreamScenario.CreateAsync(gateway, $"http://{hostName}:{port}", allowLoopback: false);
        var named = await byName.RunAsync("GET /pets/{petId}", new { petId = 1 });
        Assert.Equal("blocked", named.Outcome);
        Assert.Empty(upstream.Hits);
    }
}
