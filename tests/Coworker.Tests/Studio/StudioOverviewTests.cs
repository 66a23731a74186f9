using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Coworker.Tests.Studio;

[Collection(StudioCollection.Name)]
public sealed class StudioOverviewTests(StudioFixture studio)
{
    [Fact]
    public async Task AdminSeesBothSilosActiveAndATenantsAgentsWithTheirStatus()
    {
        var scenario = await StudioScenario.CreateTenantAsync(studio);
        await scenario.CreateAgentAsync(studio, "helper", "Helpdesk Helper");
        await scenario.CreateAgentAsync(studio, "runner", "Night Runner");
        await scenario.Agent(studio, "runner").StartAsync();

        var page = await studio.SignedInPageAsync();

        var silos = page.GetByTestId("silos").Locator("tbody tr");
        await Expect(page.GetByText($"{ClusterFixture.InitialSilos} of {ClusterFixture.InitialSilos} silos active")).ToBeVisibleAsync();
        await Expect(silos).ToHaveCountAsync(ClusterFixture.InitialSilos);
        foreach (var silo in await silos.AllAsync())
        {
            await Expect(silo.Locator(".badge")).ToHaveTextAsync("Active");
        }

        var tenantRow = page.GetByTestId("tenants").Locator("tbody tr", new() { HasText = scenario.Tenant });
        await Expect(tenantRow.Locator(".badge")).ToHaveTextAsync("Active");
        await Expect(page.GetByText("Select a tenant to see its agents.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = scenario.DisplayName }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Agents of {scenario.Tenant}" })).ToBeVisibleAsync();
        var agents = page.GetByTestId("agents").Locator("tbody tr");
        await Expect(agents).ToHaveCountAsync(2);
        await Expect(agents.Filter(new() { HasText = "Helpdesk Helper" }).Locator(".badge")).ToHaveTextAsync("Created");
        await Expect(agents.Filter(new() { HasText = "Night Runner" }).Locator(".badge")).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task ATenantsToolCallsShowAgainstItsQuotaBesideItsAgents()
    {
        var scenario = await StudioScenario.CreateTenantAsync(studio, "usage");
        var tenant = studio.Cluster.Grains.GetGrain<ITenantGrain>(scenario.Tenant);
        await tenant.UpdateAsync(new UpdateTenant(null, TenantQuotas.Default with { CallQuota = new CallQuota(PerDay: 1_000) }));
        await studio.Cluster.Grains.GetGrain<IRoleGrantsGrain>(scenario.Tenant).SetRoleToolsAsync("support", ["pets_show"]);
        await scenario.CreateAgentAsync(studio, "caller", "Busy Caller");
        await scenario.Agent(studio, "caller").StartAsync();
        for (var call = 0; call < 3; call++)
        {
            Assert.True((await scenario.Agent(studio, "caller").AuthorizeCallAsync("pets_show")).Allowed);
        }

        // The tenant counts the units its agents lease, so it may be a little ahead of the calls made.
        var counted = (await tenant.GetToolCallUsageAsync()).Day.Calls;
        Assert.InRange(counted, 3, 10);

        var page = await studio.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = scenario.DisplayName }).ClickAsync();

        await Expect(page.GetByTestId("tenant-usage")).ToContainTextAsync($"Tool calls today: {counted} of 1,000");
        await Expect(page.GetByTestId("tenant-usage")).ToContainTextAsync($"this month: {counted} (no quota)");
    }

    [Fact]
    public async Task RefreshShowsATenantCreatedAfterThePageLoaded()
    {
        var page = await studio.SignedInPageAsync();
        await Expect(page.GetByTestId("refreshed-at")).ToBeVisibleAsync();

        var scenario = await StudioScenario.CreateTenantAsync(studio, "late");
        await Expect(page.GetByText(scenario.DisplayName)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = scenario.DisplayName })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignInNeverSendsTheOperatorToAnotherSite()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/login?ReturnUrl=%2F%2Fexample.com%2Fphish");

        await page.GetByLabel("Admin key").FillAsync(StudioFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(studio.BaseAddress, "/").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cluster" })).ToBeVisibleAsync();
    }
}
