using System.Net;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Listings;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class AuthenticationApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task MissingKeyIsUnauthorizedWithABearerChallenge()
    {
        using var anonymous = gateway.Anonymous();
        var response = await anonymous.PostJsonAsync("/api/v1/tenants", new { id = "sneaky", displayName = "x", owner = "a" });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        await (await anonymous.GetAsync("/api/v1/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("cwa_admin_not-the-admin-key")]
    [InlineData("cwk_nope_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("garbage")]
    public async Task WrongKeyIsUnauthorized(string key)
    {
        using var client = gateway.WithKey(key);
        var detail = await (await client.GetAsync("/api/v1/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(key, detail);
    }

    [Fact]
    public async Task TenantKeySeesOnlyItsOwnTenantAndOtherTenantsAreNotFound()
    {
        var a = await TenantScenario.CreateAsync(gateway, "ta");
        var b = await TenantScenario.CreateAsync(gateway, "tb");
        await b.CreateAgentAsync(gateway, "secret-agent");
        using var keyA = gateway.WithKey(a.OwnerKey);

        await (await keyA.GetAsync($"/api/v1/tenants/{b.Tenant}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await keyA.GetAsync($"/api/v1/tenants/{b.Tenant}/agents")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await keyA.GetAsync($"/api/v1/tenants/{b.Tenant}/agents/secret-agent")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await keyA.PostAsync($"/api/v1/tenants/{b.Tenant}/agents/secret-agent/terminate", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        var listing = await (await keyA.GetAsync("/api/v1/tenants")).ReadAsync<Page<TenantSummary>>();
        Assert.Equal([a.Tenant], listing.Items.Select(t => t.Id));

        // B's agent was not touched.
        using var keyB = gateway.WithKey(b.OwnerKey);
        var agent = await (await keyB.GetAsync($"/api/v1/tenants/{b.Tenant}/agents/secret-agent")).ReadAsync<Coworker.Agents.AgentInfo>();
        Assert.Equal(Coworker.Agents.AgentStatus.Created, agent.Status);
    }

    [Fact]
    public async Task ViewerCanReadButNotChangeAndMemberCannotManageKeys()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);
        await (await owner.PutAsync($"/api/v1/tenants/{scenario.Tenant}/users/viewer@example.com",
            System.Net.Http.Json.JsonContent.Create(new { role = "Viewer" }))).ReadAsync<TenantUser>();
        await (await owner.PutAsync($"/api/v1/tenants/{scenario.Tenant}/users/member@example.com",
            System.Net.Http.Json.JsonContent.Create(new { role = "Member" }))).ReadAsync<TenantUser>();
        var viewerKey = await (await owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/keys", new { user = "viewer@example.com", name = "v" }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);
        var memberKey = await (await owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/keys", new { user = "member@example.com", name = "m" }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);

        using var viewer = gateway.WithKey(viewerKey.Key);
        await (await viewer.GetAsync($"/api/v1/tenants/{scenario.Tenant}/agents")).ReadAsync<Page<AgentSummary>>();
        await (await viewer.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents", new { id = "nope", name = "n" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        using var member = gateway.WithKey(memberKey.Key);
        await (await member.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents", new { id = "made-by-member", name = "m" }))
            .ReadAsync<Coworker.Agents.AgentInfo>(HttpStatusCode.Created);
        await (await member.GetAsync($"/api/v1/tenants/{scenario.Tenant}/keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostJsonAsync("/api/v1/tenants", new { id = HttpAssertions.UniqueSlug("x"), displayName = "x", owner = "a" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RevokedKeysAndDisabledTenantsStopAuthenticating()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var second = await (await owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/keys", new { user = "owner@example.com", name = "second" }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);
        var listed = await (await owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(second.Key, listed);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/tenants/{scenario.Tenant}/keys/{second.Info.KeyId}")).StatusCode);
        using var revoked = gateway.WithKey(second.Key);
        await (await revoked.GetAsync($"/api/v1/tenants/{scenario.Tenant}")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var admin = gateway.Admin();
        await (await admin.PostAsync($"/api/v1/tenants/{scenario.Tenant}/disable", null)).ReadAsync<TenantInfo>();
        await (await owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostAsync($"/api/v1/tenants/{scenario.Tenant}/enable", null)).ReadAsync<TenantInfo>();
        await (await owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}")).ReadAsync<TenantInfo>();
    }
}
