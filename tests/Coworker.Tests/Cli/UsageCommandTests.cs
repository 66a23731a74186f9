using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Cli;

/// <summary>`coworker usage`, the real process against the real Gateway, after real tool calls by an agent.</summary>
[Collection(GatewayCollection.Name)]
public sealed class UsageCommandTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnAgentsCallsShowAgainstItsDailyQuotaAndTheTenantsWithoutOne()
    {
        await using var scenario = await CliScenario.CreateAsync(gateway);
        await scenario.ImportPetstoreAsync();
        var showPet = await scenario.ToolForAsync("GET /pets/{petId}");
        CliScenario.AssertSucceeded(await scenario.RunInTenantAsync("tools", "publish", showPet));
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var tenantPath = $"/api/v1/tenants/{scenario.Tenant}";
        (await owner.PutAsync($"{tenantPath}/roles/caller/tools", JsonContent.Create(new { tools = new[] { showPet } }))).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"{tenantPath}/agents", new { id = "bot", name = "Bot", roles = new[] { "caller" }, callQuota = new { perDay = 5 } })).EnsureSuccessStatusCode();
        (await owner.PostAsync($"{tenantPath}/agents/bot/start", null)).EnsureSuccessStatusCode();
        var key = await (await owner.PostAsJsonAsync($"{tenantPath}/agents/bot/keys", new { name = "cli" })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        using var agent = gateway.WithKey(key.GetProperty("key").GetString()!);
        for (var call = 0; call < 2; call++)
        {
            (await agent.PostAsJsonAsync($"{tenantPath}/agents/bot/tools/{showPet}/call", new { petId = 1 })).EnsureSuccessStatusCode();
        }

        var mine = await scenario.RunInTenantAsync("usage", "--agent", "bot");
        CliScenario.AssertSucceeded(mine);
        var tomorrow = DateTime.UtcNow.Date.AddDays(1);
        var rows = CliScenario.Rows(mine.Output);
        Assert.Equal(["day", "2", "5", tomorrow.ToString("yyyy-MM-dd"), "00:00"], rows[0]);
        Assert.Equal(["month", "2", "none", new DateTime(tomorrow.AddDays(-1).Year, tomorrow.AddDays(-1).Month, 1).AddMonths(1).ToString("yyyy-MM-dd"), "00:00"], rows[1]);

        var tenant = await scenario.RunInTenantAsync("usage", "--json");
        CliScenario.AssertSucceeded(tenant);
        using var json = JsonDocument.Parse(tenant.Output);
        Assert.True(json.RootElement.GetProperty("day").GetProperty("calls").GetInt64() >= 2, tenant.Output); // leased units count at once
        Assert.True(json.RootElement.GetProperty("day").GetProperty("limit").ValueKind == JsonValueKind.Null, tenant.Output);

        CliScenario.AssertFailedInOneLine(await scenario.RunInTenantAsync("usage", "--agent", "nobody"), "nobody");
    }
}
