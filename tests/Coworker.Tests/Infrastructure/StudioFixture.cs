using Coworker.Common;
using Coworker.Platform;
using Coworker.ServiceDefaults;
using Coworker.Studio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// The Studio on a real Kestrel port, an Orleans client of a 2-silo cluster on PostgreSQL, and a headless
/// Chromium to drive it as an operator would. The browser is Debian's chromium package, never a Playwright
/// download; each test gets its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    public const string AdminKey = "cwa_admin_studio-test-key-0123456789abcdefghijklmnopqrstu";

    /// <summary>Chromium from the OS (scripts/lib.sh install_test_prerequisites installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private StudioFactory? _factory;
    private IPlaywright? _playwright;

    public ClusterFixture Cluster { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        await Cluster.Grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).InitialiseAdminKeyAsync(ApiKeyHasher.Hash(AdminKey));

        _factory = new StudioFactory(Cluster);
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var probe = _factory.CreateClient();
        BaseAddress = probe.BaseAddress!;

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (scripts/lib.sh install_test_prerequisites).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A page in a fresh browser context (no cookies) with the Studio as its base URL; contexts close with the browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page already signed in through the login form.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Admin key").FillAsync(AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The first sign-in of a run also pays for the Studio's first render and the cluster's first grain calls,
        // while the other test collections start their own clusters on the same two cores: it gets more time
        // than the 20 s each later step does.
        await page.WaitForURLAsync(new Uri(BaseAddress, "/").ToString(), new() { Timeout = 60_000 });
        return page;
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    private sealed class StudioFactory(ClusterFixture cluster) : WebApplicationFactory<StudioMarker>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting(ConfigKeys.PostgresConnection, cluster.Database.ConnectionString);
            builder.UseSetting(ConfigKeys.ClusterId, cluster.Cluster.Options.ClusterId);
            builder.UseSetting(ConfigKeys.ServiceId, cluster.Cluster.Options.ServiceId);
            builder.UseEnvironment("Production");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "studio";
}
