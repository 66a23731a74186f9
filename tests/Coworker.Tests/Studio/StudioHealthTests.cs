using System.Net;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Studio;

[Collection(StudioCollection.Name)]
public sealed class StudioHealthTests(StudioFixture studio)
{
    [Fact]
    public async Task LiveHealthAnswersWithoutSigningIn()
    {
        using var client = studio.Anonymous();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DashboardIsNotServedToAnonymousHttpClients()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = studio.BaseAddress };

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
