using System.Net;
using System.Net.Http.Json;
using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Secrets;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

/// <summary>
/// Where a credential may go and what an agent may do are the Owner's to decide: a Member cannot change a secret's
/// approved hosts, an agent's roles, its keys or the role grants, through the REST API or by calling the grains
/// with a Member's stamp (as any other front door would).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OwnerOnlyChangesTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AMemberCannotChangeSecretHostsAgentRolesAgentKeysOrGrantsButAnOwnerCan()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "own");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        using var member = gateway.WithKey(scenario.MemberKey);
        using var viewer = gateway.WithKey(await SecretScenario.KeyForAsync(owner, scenario.Tenant, "viewer@example.com", TenantRole.Viewer));
        var agents = $"/api/v1/tenants/{scenario.Tenant}/agents";
        (await owner.PutAsJsonAsync($"{scenario.Secrets}/key", new { kind = "ApiKey", value = "owner-approved-0123456789", allowedHosts = new[] { "api.example.com" } }))
            .EnsureSuccessStatusCode();
        await (await owner.PostJsonAsync(agents, new { id = "bot", name = "Bot", roles = new[] { "support" } })).ReadAsync<AgentInfo>(HttpStatusCode.Created);
        var ownersKey = await (await owner.PostJsonAsync($"{agents}/bot/keys", new { name = "owner's" })).ReadAsync<IssuedAgentKey>(HttpStatusCode.Created);

        // Refused to a Member (and a Viewer), with nothing changed.
        var hosts = new { allowedHosts = new[] { "member.example" } };
        await (await member.PutAsJsonAsync($"{scenario.Secrets}/key/hosts", hosts)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.PutAsJsonAsync($"{scenario.Secrets}/key/hosts", hosts)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PutAsJsonAsync($"{agents}/bot", new { name = "Bot", roles = new[] { "support", "finance" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostJsonAsync(agents, new { id = "members-bot", name = "Mine", roles = new[] { "finance" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostJsonAsync($"{agents}/bot/keys", new { name = "member's" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.DeleteAsync($"{agents}/bot/keys/{ownersKey.Info.KeyId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PutAsJsonAsync($"/api/v1/tenants/{scenario.Tenant}/roles/support/tools", new { tools = new[] { "anything" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(["api.example.com"], (await (await owner.GetAsync($"{scenario.Secrets}/key")).ReadAsync<SecretInfo>()).AllowedHosts);
        Assert.Equal(["support"], (await (await owner.GetAsync($"{agents}/bot")).ReadAsync<AgentInfo>()).Config.Roles);
        Assert.Equal([ownersKey.Info.KeyId], (await (await owner.GetAsync($"{agents}/bot/keys")).ReadAsync<List<AgentKeyInfo>>()).Select(k => k.KeyId));
        await (await owner.GetAsync($"{agents}/members-bot")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await (await owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/roles")).ReadAsync<Dictionary<string, List<string>>>());

        // What Members keep: agents without roles, descriptive edits that leave the roles alone.
        await (await member.PostJsonAsync(agents, new { id = "draft", name = "Draft" })).ReadAsync<AgentInfo>(HttpStatusCode.Created);
        var edited = await (await member.PutAsJsonAsync($"{agents}/bot", new { name = "Bot", description = "Answers tickets" })).ReadAsync<AgentInfo>();
        Assert.Equal("Answers tickets", edited.Config.Description);
        Assert.Equal(["support"], edited.Config.Roles);

        // The Owner does all of it.
        Assert.Equal(["member.example"], (await (await owner.PutAsJsonAsync($"{scenario.Secrets}/key/hosts", hosts)).ReadAsync<SecretInfo>()).AllowedHosts);
        Assert.Equal(["finance", "support"],
            (await (await owner.PutAsJsonAsync($"{agents}/bot", new { name = "Bot", roles = new[] { "support", "finance" } })).ReadAsync<AgentInfo>()).Config.Roles.Order());
        var second = await (await owner.PostJsonAsync($"{agents}/bot/keys", new { name = "second" })).ReadAsync<IssuedAgentKey>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{agents}/bot/keys/{second.Info.KeyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await owner.PutAsJsonAsync($"/api/v1/tenants/{scenario.Tenant}/roles/support/tools", new { tools = new[] { "anything" } })).StatusCode);
    }

    [Fact]
    public async Task TheGrainsRefuseAMembersStampEvenWhenNoGatewayCheckedIt()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "own");
        var grains = gateway.Cluster.Grains;
        var secret = grains.GetGrain<ISecretGrain>(GrainKeys.Compose(scenario.Tenant, "key"));
        var agent = grains.GetGrain<IAgentGrain>(GrainKeys.Compose(scenario.Tenant, "bot"));
        await secret.SetAsync(SetSecret.ApiKey("grain-level-0123456789", ["api.example.com"]));
        await agent.CreateAsync(new AgentConfig("Bot", "", "", ModelSettings.Default, ["support"]));
        var issued = await agent.CreateApiKeyAsync("system's");

        foreach (var actor in new[] { "user:member@example.com", $"agent:{scenario.Tenant}/bot", "user:nobody@example.com" })
        {
            Stamp(actor, scenario.Tenant);
            try
            {
                await AssertForbiddenAsync(() => secret.SetAllowedHostsAsync(["member.example"]));
                await AssertForbiddenAsync(() => secret.SetAsync(SetSecret.ApiKey("replaced-by-member", ["member.example"])));
                await AssertForbiddenAsync(secret.DeleteAsync);
                await AssertForbiddenAsync(() => agent.UpdateConfigAsync(new AgentConfig("Bot", "", "", ModelSettings.Default, ["support", "finance"])));
                await AssertForbiddenAsync(() => agent.CreateApiKeyAsync("stamped"));
                await AssertForbiddenAsync(() => agent.RevokeApiKeyAsync(issued.Info.KeyId));
                await AssertForbiddenAsync(() => grains.GetGrain<IRoleGrantsGrain>(scenario.Tenant).SetRoleToolsAsync("support", ["anything"]));
                var tenant = grains.GetGrain<ITenantGrain>(scenario.Tenant);
                await AssertForbiddenAsync(() => tenant.SetUserAsync("member@example.com", TenantRole.Owner));
                await AssertForbiddenAsync(() => tenant.SetUserAsync("friend@example.com", TenantRole.Member));
                await AssertForbiddenAsync(() => tenant.RemoveUserAsync("owner@example.com"));
                await AssertForbiddenAsync(() => tenant.CreateApiKeyAsync("member@example.com", "stamped"));
                await AssertForbiddenAsync(() => tenant.UpdateAsync(new UpdateTenant(null, null, ["10.0.0.0/8"])));
            }
            finally
            {
                RequestContext.Clear();
            }
        }

        Stamp("user:owner@example.com", scenario.Tenant);
        try
        {
            Assert.Equal(["owner.example"], (await secret.SetAllowedHostsAsync(["owner.example"])).AllowedHosts);
            Assert.Equal(2, (await agent.UpdateConfigAsync(new AgentConfig("Bot", "", "", ModelSettings.Default, ["support", "finance"]))).Config.Roles.Count);
            await agent.RevokeApiKeyAsync(issued.Info.KeyId);
            // The Owner manages users and the network allowlist; quotas stay the platform admin's.
            var tenant = grains.GetGrain<ITenantGrain>(scenario.Tenant);
            Assert.Equal(TenantRole.Viewer, (await tenant.SetUserAsync("friend@example.com", TenantRole.Viewer)).Role);
            Assert.Equal(["127.0.0.1"], (await tenant.UpdateAsync(new UpdateTenant(null, null, ["127.0.0.1"]))).NetworkAllowlist);
            await AssertForbiddenAsync(() => tenant.UpdateAsync(new UpdateTenant(null, TenantQuotas.Default with { MaxAgents = 1_000_000 }, null)));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private static void Stamp(string actor, string tenant)
    {
        RequestContext.Set(CallerContext.ActorKey, actor);
        RequestContext.Set(CallerContext.TenantKey, tenant);
    }

    private static async Task AssertForbiddenAsync(Func<Task> call) =>
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<CoworkerException>(call)).Kind);
}
