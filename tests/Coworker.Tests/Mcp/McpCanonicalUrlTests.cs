using System.Net;
using System.Text.Json;
using Coworker.Gateway;
using Coworker.ServiceDefaults;
using Coworker.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Coworker.Tests.Mcp;

/// <summary>
/// Without Coworker:Mcp:CanonicalUrl the Gateway names itself by the address it listens on (a local run), still
/// never by the request's Host; a canonical URL that is not an absolute http(s) URL stops the Gateway at start.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class McpCanonicalUrlTests(GatewayFixture gateway)
{
    [Fact]
    public async Task WithoutConfigurationTheGatewaysOwnListeningUrlIsCanonicalWhateverTheHost()
    {
        var own = new Uri(gateway.BaseAddress, "/mcp").AbsoluteUri;
        using var anonymous = gateway.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseAddress, "/.well-known/oauth-protected-resource/mcp"));
        request.Headers.Host = "evil.example";
        using var metadata = await anonymous.SendAsync(request);
        Assert.Equal(own, JsonDocument.Parse(await metadata.Content.ReadAsStringAsync()).RootElement.GetProperty("resource").GetString());

        using var refused = await anonymous.SendAsync(WithHost(RawMcp.Post(new Uri(gateway.BaseAddress, "/mcp"), RawMcp.InitializeBody), "evil.example"));
        await refused.AssertProblemAsync(HttpStatusCode.MisdirectedRequest);

        using var challenged = await anonymous.SendAsync(RawMcp.Post(new Uri(gateway.BaseAddress, "/mcp"), RawMcp.InitializeBody));
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Contains($"resource_metadata=\"{new Uri(gateway.BaseAddress, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri}\"",
            challenged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mcp.example.com/mcp")]
    [InlineData("ftp://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp?x=1")]
    [InlineData("https://mcp.example.com/mcp#top")]
    [InlineData("https://user:pw@mcp.example.com/mcp")]
    public void AnInvalidCanonicalUrlStopsTheGatewayAtStart(string url)
    {
        using var factory = new BareGateway(new Dictionary<string, string?> { [ConfigKeys.McpCanonicalUrl] = url });
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(ConfigKeys.McpCanonicalUrl, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", failure.Message, StringComparison.Ordinal); // a password in the URL is not repeated
    }

    [Fact]
    public void AnAllowedOriginThatIsNotAnOriginStopsTheGatewayAtStart()
    {
        using var factory = new BareGateway(new Dictionary<string, string?> { ["Coworker:Mcp:AllowedOrigins:0"] = "https://studio.example/app" });
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("AllowedOrigins", failure.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage WithHost(HttpRequestMessage request, string host)
    {
        request.Headers.Host = host;
        return request;
    }

    /// <summary>A Gateway that never gets as far as its cluster: start-up validation runs before any hosted service.</summary>
    private sealed class BareGateway(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<GatewayMarker>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting(ConfigKeys.PostgresConnection, TestEnvironment.PostgresServer);
            builder.UseSetting(ConfigKeys.NatsConnection, TestEnvironment.NatsUrl);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment("Production");
        }
    }
}
