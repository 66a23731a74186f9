using System.Text.RegularExpressions;
using Coworker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Coworker.Tests.Studio;

[Collection(StudioCollection.Name)]
public sealed class StudioSignInTests(StudioFixture studio)
{
    [Fact]
    public async Task AnonymousVisitorIsSentToTheLoginPage()
    {
        var page = await studio.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cluster" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WrongKeyShowsAnErrorAndNoClusterData()
    {
        var tenant = await StudioScenario.CreateTenantAsync(studio, "hidden");
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/login");

        await page.GetByLabel("Admin key").FillAsync("cwa_admin_not-the-real-key-0123456789abcdefghijklmnopqrstu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That is not the platform admin key.");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Expect(page.GetByLabel("Admin key")).ToHaveValueAsync(""); // the rejected key is not echoed back
        await Expect(page.GetByText(tenant.DisplayName)).ToHaveCountAsync(0);

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));
        await Expect(page.GetByText(tenant.DisplayName)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TenantKeyIsNotAnAdminKey()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/login");

        await page.GetByLabel("Admin key").FillAsync("cwk_acme_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That is not the platform admin key.");
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var page = await studio.SignedInPageAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));
    }
}
