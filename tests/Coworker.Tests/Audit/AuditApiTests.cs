using System.Net;
using System.Net.Http.Json;
using Coworker.Audit;
using Coworker.Tenants;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Audit;

/// <summary>GET /api/v1/tenants/{tenant}/audit and /audit/verify: Owner only, tenant-scoped, filtered, paged by seq.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditApiTests(GatewayFixture gateway)
{
    private sealed record AuditPage(List<AuditRecord> Items, string? Next);

    [Fact]
    public async Task AnOwnerFiltersTheirTenantsEventsByKindActorTargetOutcomeAndTime()
    {
        var (tenant, other) = (await TenantScenario.CreateAsync(gateway, "audq"), await TenantScenario.CreateAsync(gateway, "audq"));
        var now = DateTimeOffset.UtcNow;
        var call = AuditTestEvents.ToolCall(tenant.Tenant, actor: "agent:alpha", at: now.AddMinutes(-30));
        var denied = AuditTestEvents.ToolCall(tenant.Tenant, actor: "agent:beta", outcome: "denied", at: now.AddMinutes(-20)) with { Kind = AuditKinds.ToolDenied };
        var secretUse = new AuditEvent(Guid.NewGuid(), tenant.Tenant, now.AddMinutes(-10), AuditKinds.SecretUse, "agent:alpha", "secret/stripe", "ok",
            new Dictionary<string, string> { ["tool"] = "stripe.charge" });
        var elsewhere = AuditTestEvents.ToolCall(other.Tenant, actor: "agent:alpha", at: now.AddMinutes(-25));
        await RecordAndWaitAsync(call, denied, secretUse, elsewhere);
        using var owner = gateway.WithKey(tenant.OwnerKey);
        var audit = $"/api/v1/tenants/{tenant.Tenant}/audit";

        Assert.Equal([call.Id], await IdsAsync(owner, $"{audit}?kind=tool_call"));
        Assert.Equal(new[] { call.Id, secretUse.Id }.Order(), (await IdsAsync(owner, $"{audit}?actor=agent:alpha")).Order());
        Assert.Equal([secretUse.Id], await IdsAsync(owner, $"{audit}?target=secret/stripe"));
        Assert.Equal([denied.Id], await IdsAsync(owner, $"{audit}?outcome=denied"));
        Assert.Equal([denied.Id], await IdsAsync(owner, $"{audit}?from={Q(now.AddMinutes(-25))}&to={Q(now.AddMinutes(-15))}&actor=agent:beta"));
        Assert.Equal(new[] { call.Id, denied.Id, secretUse.Id }.Order(),
            (await IdsAsync(owner, $"{audit}?from={Q(now.AddMinutes(-31))}&to={Q(now.AddMinutes(-9))}")).Order());

        var page = await (await owner.GetAsync($"{audit}?target=secret/stripe")).ReadAsync<AuditPage>();
        var row = Assert.Single(page.Items);
        Assert.Equal((tenant.Tenant, "stripe.charge", 64), (row.Tenant, row.Detail["tool"], row.Hash.Length));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task PagesFollowSeqWithoutGapsOrRepeats()
    {
        var tenant = await TenantScenario.CreateAsync(gateway, "audp");
        var events = Enumerable.Range(0, 7).Select(i => AuditTestEvents.ToolCall(tenant.Tenant, tool: $"tool-{i}")).ToArray();
        await RecordAndWaitAsync(events);
        using var owner = gateway.WithKey(tenant.OwnerKey);

        var seen = new List<AuditRecord>();
        string? next = null;
        do
        {
            var page = await (await owner.GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit?kind=tool_call&limit=3{(next is null ? "" : $"&after={next}")}"))
                .ReadAsync<AuditPage>();
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            next = page.Next;
        }
        while (next is not null);

        Assert.Equal(events.Select(e => e.Id).Order(), seen.Select(r => r.Id).Order());
        Assert.Equal(seen.Select(r => r.Seq).Order(), seen.Select(r => r.Seq));
    }

    [Fact]
    public async Task AnotherTenantsOwnerGetsNotFoundAndMembersAreForbidden()
    {
        var (tenant, other) = (await TenantScenario.CreateAsync(gateway, "audi"), await TenantScenario.CreateAsync(gateway, "audi"));
        var secret = AuditTestEvents.ToolCall(tenant.Tenant);
        await RecordAndWaitAsync(secret);
        using var stranger = gateway.WithKey(other.OwnerKey);
        using var owner = gateway.WithKey(tenant.OwnerKey);
        using var member = gateway.WithKey(await KeyForAsync(owner, tenant.Tenant, "member@example.com", TenantRole.Member));

        await (await stranger.GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit/verify")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await member.GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.GetAsync($"/api/v1/tenants/{AuditEvent.PlatformTenant}/audit")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await gateway.Anonymous().GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // Their own log never shows the other tenant's events, whatever the filter.
        var theirs = await (await stranger.GetAsync($"/api/v1/tenants/{other.Tenant}/audit?limit=500")).ReadAsync<AuditPage>();
        Assert.All(theirs.Items, r => Assert.Equal(other.Tenant, r.Tenant));
        Assert.DoesNotContain(theirs.Items, r => r.Id == secret.Id);
        using var admin = gateway.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/tenants/{AuditEvent.PlatformTenant}/audit")).StatusCode);
    }

    [Fact]
    public async Task VerifyReportsAnIntactChain()
    {
        var tenant = await TenantScenario.CreateAsync(gateway, "audv");
        await RecordAndWaitAsync(AuditTestEvents.ToolCall(tenant.Tenant), AuditTestEvents.ToolCall(tenant.Tenant));
        using var owner = gateway.WithKey(tenant.OwnerKey);

        var verification = await (await owner.GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit/verify")).ReadAsync<AuditVerification>();

        Assert.True(verification.Intact);
        Assert.Null(verification.FirstBreak);
        Assert.True(verification.EventsChecked >= 2);
    }

    [Theory]
    [InlineData("?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z")]
    [InlineData("?limit=lots")]
    [InlineData("?from=yesterday")]
    [InlineData("?after=first")]
    public async Task BadFiltersGetAProblemNotAnError(string query)
    {
        var tenant = await TenantScenario.CreateAsync(gateway, "audb");
        using var owner = gateway.WithKey(tenant.OwnerKey);

        await (await owner.GetAsync($"/api/v1/tenants/{tenant.Tenant}/audit{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SettingASecretIsAuditedAsAnAdminChangeThatNeverHoldsItsValue()
    {
        const string canary = "sk_live_CANARY-4f1d2e9a7b-never-in-audit";
        var tenant = await TenantScenario.CreateAsync(gateway, "auds");
        using var owner = gateway.WithKey(tenant.OwnerKey);
        (await owner.PutAsJsonAsync($"/api/v1/tenants/{tenant.Tenant}/secrets/stripe", new { kind = "ApiKey", value = canary })).EnsureSuccessStatusCode();
        (await owner.PutAsJsonAsync($"/api/v1/tenants/{tenant.Tenant}/secrets/jira",
            new { kind = "Basic", username = "svc-CANARY-user", password = "CANARY-password" })).EnsureSuccessStatusCode();

        await AuditRows.WaitForAsync(gateway.Cluster.Database, tenant.Tenant, timeout: AuditRows.LandingTimeout);
        var body = await WaitForBodyAsync(owner, $"/api/v1/tenants/{tenant.Tenant}/audit?kind=admin_change&limit=500", "secret/jira");
        var page = System.Text.Json.JsonSerializer.Deserialize<AuditPage>(body, HttpAssertions.Json)!;
        var stripe = Assert.Single(page.Items, r => r.Target == "secret/stripe");
        Assert.Equal(("created", "ApiKey", "user:owner@example.com"), (stripe.Detail["action"], stripe.Detail["kind"], stripe.Actor));
        Assert.DoesNotContain("CANARY", body, StringComparison.Ordinal);
        var rows = await AuditRows.ListAsync(gateway.Cluster.Database, tenant.Tenant);
        Assert.DoesNotContain(rows, r => string.Join('|', r.Kind, r.Actor, r.Target, r.Outcome, r.Detail).Contains("CANARY", StringComparison.Ordinal));
    }

    private async Task RecordAndWaitAsync(params AuditEvent[] events)
    {
        var audit = gateway.Cluster.Grains.GetGrain<IAuditGrain>(0);
        foreach (var auditEvent in events)
        {
            await audit.RecordAsync(auditEvent);
        }

        foreach (var auditEvent in events)
        {
            await AuditRows.WaitForAsync(gateway.Cluster.Database, auditEvent.Tenant, id: auditEvent.Id);
        }
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string url) =>
        (await (await client.GetAsync(url)).ReadAsync<AuditPage>()).Items.Select(r => r.Id).ToList();

    private static async Task<string> WaitForBodyAsync(HttpClient client, string url, string expected)
    {
        var deadline = DateTime.UtcNow + AuditRows.LandingTimeout;
        while (true)
        {
            var body = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            if (body.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<string> KeyForAsync(HttpClient owner, string tenant, string user, TenantRole role)
    {
        (await owner.PutAsJsonAsync($"/api/v1/tenants/{tenant}/users/{user}", new { role }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        var issued = await (await owner.PostJsonAsync($"/api/v1/tenants/{tenant}/keys", new { user, name = "tests" }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);
        return issued.Key;
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));
}
