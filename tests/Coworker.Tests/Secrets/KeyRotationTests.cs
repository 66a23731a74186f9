using System.Collections.Concurrent;
using System.Net;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Execution;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Secrets;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

[Collection(GatewayCollection.Name)]
public sealed class KeyRotationTests(GatewayFixture gateway)
{
    private const int SecretCount = 6;

    [Fact]
    public async Task RevealsRunningThroughThreeRotationsAllSucceedWithTheRightValues()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "rot");
        var tokens = new Dictionary<string, string>();
        for (var i = 0; i < SecretCount; i++)
        {
            var name = $"svc-{i}";
            tokens[name] = $"token-{i}-{Guid.NewGuid():N}";
            await gateway.Cluster.Grains.GetGrain<ISecretGrain>(GrainKeys.Compose(scenario.Tenant, name)).SetAsync(SetSecret.Bearer(tokens[name], SecretScenario.ApprovedHosts));
        }

        // Reveals on both silos, as tool calls would make them, for as long as the rotations run.
        var resolvers = SiloServices.All<ICredentialResolver>(gateway.Cluster).ToList();
        Assert.True(resolvers.Count >= 2);
        var failures = new ConcurrentQueue<string>();
        var reveals = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 12).Select(worker => Task.Run(async () =>
        {
            for (var n = worker; !stop.IsCancellationRequested; n++)
            {
                var name = $"svc-{n % SecretCount}";
                try
                {
                    var credential = await resolvers[n % resolvers.Count].ResolveAsync(scenario.Tenant, new AuthRequirement(AuthKind.Bearer, null, [], name, null, null), SecretScenario.ApprovedTarget);
                    var header = credential!.Headers.Single().Value;
                    if (header != "Bearer " + tokens[name])
                    {
                        failures.Enqueue($"{name}: wrong value");
                    }

                    Interlocked.Increment(ref reveals);
                }
                catch (Exception exception)
                {
                    failures.Enqueue($"{name}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        })).ToList();

        var rotations = new List<TenantKeyRotation>();
        for (var round = 0; round < 3; round++)
        {
            await Task.Delay(150);
            rotations.Add(await gateway.Cluster.Grains.GetGrain<IKeyRotationGrain>(scenario.Tenant).RotateAsync(newDataKey: true));
        }

        await Task.Delay(150);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        Assert.True(reveals > 100, $"only {reveals} reveals ran during the rotations");
        Assert.Equal([2, 3, 4], rotations.Select(r => r.ActiveDataKeyVersion));
        Assert.All(rotations, r => Assert.Equal(SecretCount, r.SecretsReencrypted));

        var keyring = await gateway.Cluster.Grains.GetGrain<ITenantKeyringGrain>(scenario.Tenant).GetInfoAsync();
        Assert.Equal(4, keyring.ActiveDataKeyVersion);
        Assert.Equal([1, 2, 3, 4], keyring.DataKeys.Select(k => k.Version));
        foreach (var name in tokens.Keys)
        {
            Assert.Equal(4, (await gateway.Cluster.Grains.GetGrain<ISecretGrain>(GrainKeys.Compose(scenario.Tenant, name)).GetInfoAsync()).DataKeyVersion);
        }

        using var member = gateway.WithKey(scenario.MemberKey);
        var listed = await (await member.GetAsync(scenario.Secrets)).ReadAsync<List<SecretSummary>>();
        Assert.All(listed, s => Assert.Equal(4, s.DataKeyVersion));
    }

    [Fact]
    public async Task ARotationWithoutANewDataKeyChangesNothingWhenEverythingIsCurrent()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "rot");
        await gateway.Cluster.Grains.GetGrain<ISecretGrain>(GrainKeys.Compose(scenario.Tenant, "one")).SetAsync(SetSecret.ApiKey("value-one"));

        var rotation = await gateway.Cluster.Grains.GetGrain<IKeyRotationGrain>(scenario.Tenant).RotateAsync(newDataKey: false);

        Assert.Equal((1, 1, 0, false, 0), (rotation.MasterKeyVersion, rotation.ActiveDataKeyVersion, rotation.DataKeysRewrapped, rotation.NewDataKeyCreated, rotation.SecretsReencrypted));
    }

    [Fact]
    public async Task ATenantThatNeverStoredASecretGetsNoKeyringFromARotation()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "rot");

        var rotation = await gateway.Cluster.Grains.GetGrain<IKeyRotationGrain>(scenario.Tenant).RotateAsync(newDataKey: true);

        Assert.True(rotation.NothingToRotate);
        Assert.Empty((await gateway.Cluster.Grains.GetGrain<ITenantKeyringGrain>(scenario.Tenant).GetInfoAsync()).DataKeys);
    }

    [Fact]
    public async Task PlatformAdminsRotateOneTenantOrAllOfThemThroughTheApi()
    {
        var first = await SecretScenario.CreateAsync(gateway, "rot");
        var second = await SecretScenario.CreateAsync(gateway, "rot");
        foreach (var scenario in new[] { first, second })
        {
            await gateway.Cluster.Grains.GetGrain<ISecretGrain>(GrainKeys.Compose(scenario.Tenant, "api")).SetAsync(SetSecret.ApiKey("rotate-me-" + scenario.Tenant, SecretScenario.ApprovedHosts));
        }

        using var admin = gateway.Admin();
        var one = await (await admin.PostAsync($"/api/v1/admin/keys/rotate?tenant={first.Tenant}", null)).ReadAsync<KeyRotationResponse>();
        Assert.Equal(1, one.TenantsChecked);
        Assert.Equal((first.Tenant, 2, 1), (one.Tenants.Single().Tenant, one.Tenants.Single().ActiveDataKeyVersion, one.SecretsReencrypted));

        var all = await (await admin.PostAsync("/api/v1/admin/keys/rotate", null)).ReadAsync<KeyRotationResponse>();
        Assert.Equal(3, all.Tenants.Single(t => t.Tenant == first.Tenant).ActiveDataKeyVersion);
        Assert.Equal(2, all.Tenants.Single(t => t.Tenant == second.Tenant).ActiveDataKeyVersion);
        Assert.True(all.TenantsChecked >= 2);

        var rewrapOnly = await (await admin.PostAsync($"/api/v1/admin/keys/rotate?tenant={second.Tenant}&newDataKeys=false", null)).ReadAsync<KeyRotationResponse>();
        Assert.Equal((2, 0), (rewrapOnly.Tenants.Single().ActiveDataKeyVersion, rewrapOnly.SecretsReencrypted));

        var resolved = await SiloServices.Get<ICredentialResolver>(gateway.Cluster, 1)
            .ResolveAsync(first.Tenant, new AuthRequirement(AuthKind.ApiKey, null, [], "api", "X-Api-Key", ParameterLocation.Header), SecretScenario.ApprovedTarget);
        Assert.Equal("rotate-me-" + first.Tenant, resolved!.Headers.Single().Value);
    }

    [Fact]
    public async Task OnlyPlatformAdminsMayRotateAndUnknownTenantsAreNotFound()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "rot");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        using var admin = gateway.Admin();
        using var anonymous = gateway.Anonymous();

        await (await owner.PostAsync($"/api/v1/admin/keys/rotate?tenant={scenario.Tenant}", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsync("/api/v1/admin/keys/rotate", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostAsync("/api/v1/admin/keys/rotate?tenant=no-such-tenant", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
