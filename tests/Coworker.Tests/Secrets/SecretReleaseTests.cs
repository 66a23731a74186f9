using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Coworker.Audit;
using Coworker.Catalog;
using Coworker.Execution;
using Coworker.Secrets;
using Coworker.Tenants;
using Coworker.Tests.Audit;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

/// <summary>
/// A secret goes only to the upstream hosts an Owner approved for it, whoever imports the tool that names it: a
/// Member's description pointing at the Member's own server gets nothing sent there at all.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SecretReleaseTests(GatewayFixture gateway)
{
    private const string Value = "s3cret-canary-key"; // what TestUpstream's /secured accepts

    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    public async Task AMembersImportCannotSendAnOwnersSecretToAHostTheOwnerDidNotApprove(string location)
    {
        await using var approved = await TestUpstream.StartAsync();
        await using var members = await TestUpstream.StartAsync();
        var scenario = await LoopbackScenarioAsync();
        using var owner = gateway.WithKey(scenario.OwnerKey);
        using var member = gateway.WithKey(scenario.MemberKey);
        (await owner.PutAsJsonAsync($"{scenario.Secrets}/key", new { kind = "ApiKey", value = Value, allowedHosts = new[] { Authority(approved) } }))
            .EnsureSuccessStatusCode();

        // Same address, another port: the Member's own server, named by a scheme called like the Owner's secret.
        var tool = await ImportAsync(member, scenario.Tenant, Description(members.BaseUrl, location));
        var run = await TestRunAsync(member, scenario.Tenant, tool);

        Assert.Equal("credential_not_approved", run.Outcome);
        Assert.StartsWith($"Secret 'key' is not approved for host '{Authority(members)}'", run.Error, StringComparison.Ordinal);
        Assert.Null(run.Status);
        Assert.Empty(members.Hits); // nothing arrived, so nothing could come back transformed either
        Assert.Null(members.LastHeaders);
        Assert.DoesNotContain(Value, System.Text.Json.JsonSerializer.Serialize(run), StringComparison.Ordinal);

        // The refusal is audited as a denied secret use, naming the host and never the value.
        var denied = await WaitForAuditAsync(scenario.Tenant, r => r.Kind == AuditKinds.SecretUse && r.Outcome == "denied");
        Assert.Equal(("secret/key", "user:member@example.com"), (denied.Target, denied.Actor));
        Assert.Contains(Authority(members), denied.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, denied.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMembersImportOfTheApprovedHostGetsTheSecretOnItsRequest()
    {
        await using var approved = await TestUpstream.StartAsync();
        var scenario = await LoopbackScenarioAsync();
        using var owner = gateway.WithKey(scenario.OwnerKey);
        using var member = gateway.WithKey(scenario.MemberKey);
        (await owner.PutAsJsonAsync($"{scenario.Secrets}/key", new { kind = "ApiKey", value = Value, allowedHosts = new[] { Authority(approved) } }))
            .EnsureSuccessStatusCode();

        var tool = await ImportAsync(member, scenario.Tenant, Description(approved.BaseUrl, "header"));
        var run = await TestRunAsync(member, scenario.Tenant, tool);

        Assert.Equal(("ok", 200), (run.Outcome, run.Status));
        Assert.Equal(Value, approved.LastHeaders![TestUpstream.ApiKeyHeader].ToString());
        Assert.Equal(UpstreamRequestBuilder.Mask, run.Request.Headers[TestUpstream.ApiKeyHeader]);
    }

    [Fact]
    public async Task ASecretStoredWithoutApprovedHostsIsSentNowhereUntilAnOwnerApprovesOne()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var scenario = await LoopbackScenarioAsync();
        using var owner = gateway.WithKey(scenario.OwnerKey);
        (await owner.PutAsJsonAsync($"{scenario.Secrets}/key", new { kind = "ApiKey", value = Value })).EnsureSuccessStatusCode();
        var tool = await ImportAsync(owner, scenario.Tenant, Description(upstream.BaseUrl, "header"));

        Assert.Equal("credential_not_approved", (await TestRunAsync(owner, scenario.Tenant, tool)).Outcome);
        Assert.Empty(upstream.Hits);

        var approved = await (await owner.PutAsJsonAsync($"{scenario.Secrets}/key/hosts", new { allowedHosts = new[] { Authority(upstream) } })).ReadAsync<SecretInfo>();
        Assert.Equal([Authority(upstream)], approved.AllowedHosts);
        Assert.Equal("ok", (await TestRunAsync(owner, scenario.Tenant, tool)).Outcome);
    }

    [Fact]
    public async Task ApprovedHostsAreNormalisedListedKeptOnReplacementAndBareWildcardsAreRefused()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "hosts");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var set = await (await owner.PutAsJsonAsync($"{scenario.Secrets}/stripe",
            new { kind = "ApiKey", value = "sk_live_0123456789abcdefWXYZ", allowedHosts = new[] { "API.Stripe.com", "*.Example.org:8443", "api.stripe.com" } })).ReadAsync<SecretInfo>();
        Assert.Equal(["*.example.org:8443", "api.stripe.com"], set.AllowedHosts);

        // A new value without hosts keeps the approved ones; the listing shows them.
        var rotated = await (await owner.PutAsJsonAsync($"{scenario.Secrets}/stripe", new { kind = "ApiKey", value = "sk_live_rotated-0123456789" })).ReadAsync<SecretInfo>();
        Assert.Equal(set.AllowedHosts, rotated.AllowedHosts);
        var listed = Assert.Single(await (await owner.GetAsync(scenario.Secrets)).ReadAsync<List<SecretSummary>>());
        Assert.Equal(set.AllowedHosts, listed.AllowedHosts);

        foreach (var bad in new[] { "*", "*.com", "https://api.stripe.com", "api.stripe.com/v1", "user@api.stripe.com", "api.stripe.com:0", "::1", "" })
        {
            await (await owner.PutAsJsonAsync($"{scenario.Secrets}/stripe/hosts", new { allowedHosts = new[] { bad } })).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        await (await owner.PutAsJsonAsync($"{scenario.Secrets}/stripe/hosts", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PutAsJsonAsync($"{scenario.Secrets}/missing/hosts", new { allowedHosts = new[] { "api.stripe.com" } })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(set.AllowedHosts, (await (await owner.GetAsync($"{scenario.Secrets}/stripe")).ReadAsync<SecretInfo>()).AllowedHosts);
    }

    private async Task<SecretScenario> LoopbackScenarioAsync()
    {
        var scenario = await SecretScenario.CreateAsync(gateway, "rel");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        await (await owner.PatchAsync($"/api/v1/tenants/{scenario.Tenant}", JsonContent.Create(new { networkAllowlist = new[] { "127.0.0.1" } })))
            .ReadAsync<TenantInfo>();
        return scenario;
    }

    private static string Authority(TestUpstream upstream) => new Uri(upstream.BaseUrl).Authority;

    /// <summary>One operation whose security scheme is called "key", as the Owner's secret is, on the given server.</summary>
    private static string Description(string server, string location) => $$"""
        {
          "openapi": "3.0.3",
          "info": { "title": "A Member's API", "version": "1.0.0" },
          "servers": [ { "url": "{{server}}" } ],
          "paths": { "/secured": { "get": { "operationId": "secured", "summary": "Echoes what it gets", "security": [ { "key": [] } ],
            "responses": { "200": { "description": "ok" } } } } },
          "components": { "securitySchemes": { "key": { "type": "apiKey", "in": "{{location}}", "name": "{{TestUpstream.ApiKeyHeader}}" } } }
        }
        """;

    private static async Task<string> ImportAsync(HttpClient client, string tenant, string description)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(description));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "api.json");
        form.Add(new StringContent("members-api"), "sourceId");
        var job = await (await client.PostAsync($"/api/v1/tenants/{tenant}/imports", form)).ReadAsync<ImportJobInfo>(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (job.Status is not (ImportJobStatus.Succeeded or ImportJobStatus.Failed) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            job = await (await client.GetAsync($"/api/v1/tenants/{tenant}/imports/{job.Id}")).ReadAsync<ImportJobInfo>();
        }

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        var tools = await (await client.GetAsync($"/api/v1/tenants/{tenant}/tools?limit=500")).ReadAsync<Coworker.Gateway.Apis.Contracts.Page<ToolSummary>>();
        return tools.Items.Single(t => t.Operation == "GET /secured").Name;
    }

    private static async Task<TestRunResult> TestRunAsync(HttpClient client, string tenant, string tool) =>
        await (await client.PostJsonAsync($"/api/v1/tenants/{tenant}/tools/{tool}/test-runs", new { arguments = new { } })).ReadAsync<TestRunResult>();

    private async Task<(long Seq, Guid Id, string Kind, string Actor, string Target, string Outcome, string Detail)> WaitForAuditAsync(
        string tenant, Func<(long Seq, Guid Id, string Kind, string Actor, string Target, string Outcome, string Detail), bool> match)
    {
        var deadline = DateTime.UtcNow + AuditRows.LandingTimeout;
        while (true)
        {
            var rows = await AuditRows.ListAsync(gateway.Cluster.Database, tenant);
            if (rows.FirstOrDefault(match) is { Kind: not null } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The audit row did not land in time.");
            await Task.Delay(200);
        }
    }
}
