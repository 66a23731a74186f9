using System.Net;
using System.Net.Http.Json;
using Coworker.Secrets;
using Coworker.Tenants;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

[Collection(GatewayCollection.Name)]
public sealed class SecretsApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnOwnerSetsListsReadsAndDeletesASecretThatIsOnlyEverShownMasked()
    {
        var scenario = await SecretScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);

        var set = await (await Put(owner, $"{scenario.Secrets}/stripe", new { kind = "ApiKey", value = "sk_live_0123456789abcdefWXYZ" })).ReadAsync<SecretInfo>();
        Assert.Equal(new { Tenant = scenario.Tenant, Name = "stripe", Kind = SecretKind.ApiKey, Masked = "••••WXYZ" },
            new { set.Tenant, set.Name, set.Kind, set.Masked });
        Assert.Equal(1, set.DataKeyVersion);
        Assert.Equal(1, set.MasterKeyVersion);

        var listed = await (await owner.GetAsync(scenario.Secrets)).ReadAsync<List<SecretSummary>>();
        Assert.Equal(["stripe"], listed.Select(s => s.Name));
        Assert.Equal(SecretKind.ApiKey, listed[0].Kind);

        var read = await (await owner.GetAsync($"{scenario.Secrets}/stripe")).ReadAsync<SecretInfo>();
        Assert.Equal(set with { AllowedHosts = read.AllowedHosts }, read);
        Assert.Empty(read.AllowedHosts);

        // Replacing keeps the creation date and shows the new mask.
        var replaced = await (await Put(owner, $"{scenario.Secrets}/stripe", new { kind = "Bearer", value = "short" })).ReadAsync<SecretInfo>();
        Assert.Equal((SecretKind.Bearer, "••••", set.CreatedAt), (replaced.Kind, replaced.Masked, replaced.CreatedAt));
        Assert.True(replaced.UpdatedAt >= set.UpdatedAt);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{scenario.Secrets}/stripe")).StatusCode);
        await (await owner.GetAsync($"{scenario.Secrets}/stripe")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.DeleteAsync($"{scenario.Secrets}/stripe")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await (await owner.GetAsync(scenario.Secrets)).ReadAsync<List<SecretSummary>>());
    }

    [Fact]
    public async Task ABasicPairIsStoredAsOneSecretAndShownWithoutItsUsernameOrPassword()
    {
        var scenario = await SecretScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);

        var response = await Put(owner, $"{scenario.Secrets}/jira", new { kind = "Basic", username = "svc-jira@example.com", password = "correct horse battery staple" });
        var body = await response.Content.ReadAsStringAsync();
        var info = await response.ReadAsync<SecretInfo>();

        Assert.Equal((SecretKind.Basic, "••••"), (info.Kind, info.Masked));
        Assert.DoesNotContain("svc-jira", body);
        Assert.DoesNotContain("staple", body);
    }

    [Fact]
    public async Task MembersSeeSecretsButOnlyOwnersChangeThemAndViewersSeeNothing()
    {
        var scenario = await SecretScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);
        using var member = gateway.WithKey(scenario.MemberKey);
        using var viewer = gateway.WithKey(await SecretScenario.KeyForAsync(owner, scenario.Tenant, "viewer@example.com", TenantRole.Viewer));
        (await Put(owner, $"{scenario.Secrets}/github", new { kind = "Bearer", value = "ghp_member-can-see-this-exists" })).EnsureSuccessStatusCode();

        Assert.Single(await (await member.GetAsync(scenario.Secrets)).ReadAsync<List<SecretSummary>>());
        Assert.Equal(SecretKind.Bearer, (await (await member.GetAsync($"{scenario.Secrets}/github")).ReadAsync<SecretInfo>()).Kind);
        await (await Put(member, $"{scenario.Secrets}/github", new { kind = "Bearer", value = "overwritten" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.DeleteAsync($"{scenario.Secrets}/github")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync(scenario.Secrets)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync($"{scenario.Secrets}/github")).AssertProblemAsync(HttpStatusCode.Forbidden);

        // The refused overwrite changed nothing.
        Assert.Equal("••••ists", (await (await owner.GetAsync($"{scenario.Secrets}/github")).ReadAsync<SecretInfo>()).Masked);
    }

    [Fact]
    public async Task AnotherTenantsSecretsAreNotFoundThroughItsKeys()
    {
        var a = await SecretScenario.CreateAsync(gateway, "seca");
        var b = await SecretScenario.CreateAsync(gateway, "secb");
        using var ownerA = gateway.WithKey(a.OwnerKey);
        using var ownerB = gateway.WithKey(b.OwnerKey);
        (await Put(ownerA, $"{a.Secrets}/salesforce", new { kind = "ApiKey", value = "tenant-a-only-value-000000" })).EnsureSuccessStatusCode();

        await (await ownerB.GetAsync(a.Secrets)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await ownerB.GetAsync($"{a.Secrets}/salesforce")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Put(ownerB, $"{a.Secrets}/salesforce", new { kind = "ApiKey", value = "hijack" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await ownerB.DeleteAsync($"{a.Secrets}/salesforce")).AssertProblemAsync(HttpStatusCode.NotFound);
        // The same name under B's own tenant is simply B's (absent) secret.
        await (await ownerB.GetAsync($"{b.Secrets}/salesforce")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await (await ownerB.GetAsync(b.Secrets)).ReadAsync<List<SecretSummary>>());

        Assert.Equal("••••0000", (await (await ownerA.GetAsync($"{a.Secrets}/salesforce")).ReadAsync<SecretInfo>()).Masked);
    }

    [Theory]
    [InlineData("Stripe", """{"kind":"ApiKey","value":"v"}""", "not a valid secret name")]
    [InlineData("stripe", """{"value":"v"}""", "needs a 'kind'")]
    [InlineData("stripe", """{"kind":"Password","value":"v"}""", "not valid JSON")]
    [InlineData("stripe", """{"kind":"ApiKey"}""", "'value' is required")]
    [InlineData("stripe", """{"kind":"ApiKey","value":"v","username":"u"}""", "takes 'value' only")]
    [InlineData("jira", """{"kind":"Basic","username":"u"}""", "'password' is required")]
    [InlineData("jira", """{"kind":"Basic","username":"a:b","password":"p"}""", "cannot contain ':'")]
    [InlineData("jira", """{"kind":"Basic","value":"v","username":"u","password":"p"}""", "not 'value'")]
    public async Task BadInputIsAClearProblemAndStoresNothing(string name, string json, string expected)
    {
        var scenario = await SecretScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);

        var detail = await (await owner.PutAsync($"{scenario.Secrets}/{name}", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail);
        Assert.Empty(await (await owner.GetAsync(scenario.Secrets)).ReadAsync<List<SecretSummary>>());
    }

    [Fact]
    public async Task AValueWithALineBreakIsRefusedWithoutBeingEchoed()
    {
        var scenario = await SecretScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);

        var detail = await (await Put(owner, $"{scenario.Secrets}/smuggle", new { kind = "Bearer", value = "tok-abc123\r\nX-Evil: yes" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("control character", detail);
        Assert.DoesNotContain("tok-abc123", detail);
    }

    [Fact]
    public async Task SecretsOfAnUnknownTenantAreNotFoundEvenForTheAdmin()
    {
        using var admin = gateway.Admin();

        await (await admin.GetAsync("/api/v1/tenants/no-such-tenant/secrets")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Put(admin, "/api/v1/tenants/no-such-tenant/secrets/stripe", new { kind = "ApiKey", value = "v" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> Put<T>(HttpClient client, string url, T body) => client.PutAsJsonAsync(url, body, HttpAssertions.Json);
}
