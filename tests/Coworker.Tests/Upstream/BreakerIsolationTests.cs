using Coworker.Catalog;
using Coworker.Execution;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Upstream;

/// <summary>
/// Circuit breakers are per tenant and per upstream host, and only the upstream's own failures count: one tenant
/// cannot pause another's calls, and the platform's own refusals never pause anyone.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BreakerIsolationTests(GatewayFixture gateway)
{
    [Fact]
    public async Task RefusalsOfTheSsrfGuardNeverPauseTheHostEvenForTheSameTenant()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var refused = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: false);
        var other = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: true);

        // Far more refusals than the breaker's minimum throughput, on every silo.
        var runs = await refused.HammerEverySiloAsync(gateway, "GET /pets/{petId}", new { petId = 1 }, NetworkAllowlist.Empty, 60);
        Assert.All(runs, r => Assert.Equal("blocked", r.Outcome));
        Assert.False(upstream.Hits.ContainsKey("GET /pets/1")); // refused before any connection

        // Another tenant's calls to the same host go through...
        var others = await other.HammerAsync("GET /pets/{petId}", new { petId = 1 }, 20);
        Assert.All(others, r => Assert.Equal("ok", r.Outcome));

        // ...and so do the refused tenant's own, once it allowlists the host.
        await (await refused.Catalog.Owner.PatchAsync($"/api/v1/tenants/{refused.Catalog.Tenant}",
            System.Net.Http.Json.JsonContent.Create(new { networkAllowlist = new[] { "127.0.0.1" } }))).ReadAsync<Coworker.Tenants.TenantInfo>();
        var allowed = await refused.HammerAsync("GET /pets/{petId}", new { petId = 1 }, 6);
        Assert.All(allowed, r => Assert.Equal("ok", r.Outcome));
    }

    [Fact]
    public async Task OneTenantsFailingUpstreamDoesNotPauseAnotherTenantsCallsToTheSameHost()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var noisy = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: true);
        var quiet = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: true);

        await noisy.OpenTheBreakerAsync(gateway);

        var runs = await quiet.HammerAsync("GET /pets/{petId}", new { petId = 1 }, 20);
        Assert.All(runs, r => Assert.Equal("ok", r.Outcome));
    }

    [Fact]
    public async Task AnOpenBreakerIsAClearTypedErrorForToolCallsAndUrlImports()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var noisy = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: true);

        var paused = await noisy.OpenTheBreakerAsync(gateway);
        Assert.Equal("circuit_open", paused.Outcome);
        Assert.Contains("paused", paused.Error);

        var job = await noisy.Catalog.ImportUrlAsync("again", upstream.BaseUrl + "/openapi.json");
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.Equal("circuit_open", job.ErrorKind);
        Assert.Contains("paused", job.Error);
        Assert.DoesNotContain("unexpected", job.Error);
    }

    [Fact]
    public async Task AUrlImportIsNotFailedByAnotherTenantsOpenBreaker()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var noisy = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: true);
        await noisy.OpenTheBreakerAsync(gateway);

        var importer = await Coworker.Tests.Catalog.CatalogScenario.CreateAsync(gateway);
        var job = await importer.ImportUrlAsync("pets", upstream.BaseUrl + "/openapi.json");
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal(8, (await importer.ListToolsAsync()).Count);
    }

    [Fact]
    public async Task AConnectionOneTenantsAllowlistOpenedNeverCarriesAnotherTenantsRequest()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var allowed = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: true);
        var refused = await UpstreamScenario.CreateAsync(gateway, upstream.BaseUrl, allowLoopback: false);

        // The allowlisted tenant's calls leave kept-alive connections to the host in every silo...
        Assert.All(await allowed.HammerEverySiloAsync(gateway, "GET /pets/{petId}", new { petId = 1 }, new NetworkAllowlist(["127.0.0.1"]), 4),
            r => Assert.Equal("ok", r.Outcome));
        var hits = upstream.Hits["GET /pets/1"];

        // ...which the other tenant, whose allowlist permits nothing, must not reuse.
        Assert.All(await refused.HammerEverySiloAsync(gateway, "GET /pets/{petId}", new { petId = 1 }, NetworkAllowlist.Empty, 4),
            r => Assert.Equal("blocked", r.Outcome));
        Assert.Equal(hits, upstream.Hits["GET /pets/1"]);
    }
}
