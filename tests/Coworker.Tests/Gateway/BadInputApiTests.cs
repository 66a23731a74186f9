using System.Net;
using System.Text;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Listings;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class BadInputApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task MalformedJsonIsABadRequestAndCreatesNothing()
    {
        using var admin = gateway.Admin();
        var id = HttpAssertions.UniqueSlug("broken");
        var response = await admin.PostAsync("/api/v1/tenants",
            new StringContent($$"""{"id": "{{id}}", "displayName": "x", """, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"/api/v1/tenants/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OversizedBodyIsRejectedWith413()
    {
        using var admin = gateway.Admin();
        var huge = new string('x', 2 * 1024 * 1024);
        var response = await admin.PostAsync("/api/v1/tenants",
            new StringContent($$"""{"id": "huge-one", "displayName": "{{huge}}", "owner": "a"}""", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("a")]
    [InlineData("has space")]
    [InlineData("-leading")]
    [InlineData("dots.are.bad")]
    public async Task BadTenantSlugIsABadRequestAndNothingIsWritten(string id)
    {
        using var admin = gateway.Admin();
        var detail = await (await admin.PostJsonAsync("/api/v1/tenants", new { id, displayName = "x", owner = "owner" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not a valid tenant id", detail);
        var all = await (await admin.GetAsync("/api/v1/tenants?limit=500")).ReadAsync<Page<TenantSummary>>();
        Assert.DoesNotContain(all.Items, t => t.Id == id);
    }

    [Fact]
    public async Task BadAgentConfigurationIsABadRequestAndTheAgentDoesNotExist()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var url = $"/api/v1/tenants/{scenario.Tenant}/agents";
        await (await owner.PostJsonAsync(url, new { id = "no-name" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostJsonAsync(url, new { id = "hot", name = "h", model = new { provider = "x", model = "y", temperature = 9.0, maxOutputTokens = 10 } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostJsonAsync(url, new { id = "Bad Id", name = "h" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.GetAsync(url + "/no-name")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.GetAsync(url + "/hot")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DuplicateCreateIsAConflict()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        await scenario.CreateAgentAsync(gateway, "twin");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        await (await owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents", new { id = "twin", name = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        using var admin = gateway.Admin();
        await (await admin.PostJsonAsync("/api/v1/tenants", new { id = scenario.Tenant, displayName = "again", owner = "x" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task HealthOpenApiAndReferenceAreServed()
    {
        using var anonymous = gateway.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/tenants/{tenant}/agents/{agent}/suspend", openApi);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/docs")).StatusCode);
    }
}
