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
