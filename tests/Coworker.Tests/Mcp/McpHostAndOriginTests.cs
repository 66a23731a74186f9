using System.Net;
using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Mcp;

/// <summary>
/// The Gateway names itself from configuration (Coworker:Mcp:CanonicalUrl), never from the request: the RFC 9728
/// metadata and the 401 challenge point at the canonical URL whatever Host a request carries, /mcp refuses Hosts
/// that are neither the canonical one nor a loopback name of the port it listens on (421), and browser Origins other
/// than the canonical origin and the configured ones are refused (403), "null" and file:// included.
/// </summary>
[Collection(OAuthGatewayCollection.Name)]
public sealed class McpHostAndOriginTests(OAuthGatewayFixture gateway)
{
    private string MetadataUrl => new Uri(new Uri(gateway.CanonicalUrl), "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;

    [Fact]
    public async Task AForeignHostNeitherReachesMcpNorChangesWhatTheMetadataAndChallengeSay()
    {
        using var anonymous = gateway.Anonymous();
        using var challenged = await anonymous.SendAsync(WithHost(RawMcp.Post(new Uri(gateway.BaseAddress, "/mcp"), RawMcp.InitializeBody), "evil.example"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, challenged.StatusCode);
        Assert.DoesNotContain("evil.example", challenged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var metadata = await anonymous.SendAsync(WithHost(new HttpRequestMessage(HttpMethod.Get, MetadataUrl), "evil.example"));
        var body = await metadata.Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Equal(gateway.CanonicalUrl, JsonDocument.Parse(body).RootElement.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task AForeignHostIsRefusedEvenWithAValidKey()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        foreach (var host in new[] { "evil.example", $"evil.example:{gateway.BaseAddress.Port}", "127.0.0.1:1", "10.0.0.1" })
        {
            using var response = await client.SendAsync(WithHost(RawMcp.Post(scenario.McpUri, RawMcp.InitializeBody), host));
            await response.AssertProblemAsync(HttpStatusCode.MisdirectedRequest);
        }

        using var sse = await client.SendAsync(WithHost(new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseAddress, "/mcp/sse")), "evil.example"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, sse.StatusCode);
    }

    [Fact]
    public async Task TheCanonicalHostAndLoopbackNamesOfTheSamePortAreServed()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        var port = gateway.BaseAddress.Port;
        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"LOCALHOST:{port}", $"[::1]:{port}" })
        {
            using var response = await client.SendAsync(WithHost(RawMcp.Post(scenario.McpUri, RawMcp.InitializeBody), host));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{host}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheChallengeNamesTheCanonicalMetadataUrl()
    {
        using var anonymous = gateway.Anonymous();
        using var response = await anonymous.SendAsync(WithHost(RawMcp.Post(new Uri(gateway.BaseAddress, "/mcp"), RawMcp.InitializeBody), $"localhost:{gateway.BaseAddress.Port}"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"resource_metadata=\"{MetadataUrl}\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("file://")]
    [InlineData("file:///home/user/page.html")]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost:1")]
    [InlineData("http://127.0.0.1.evil.example")]
    [InlineData("chrome-extension://abcdefghijklmnop")]
    [InlineData("not an origin")]
    public async Task ABrowserOriginThatIsNeitherCanonicalNorConfiguredIsForbidden(string origin)
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        var request = RawMcp.Post(scenario.McpUri, RawMcp.InitializeBody);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        using var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheCanonicalOriginAConfiguredOriginAndNoOriginAreServed()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        foreach (var origin in new[] { new Uri(gateway.CanonicalUrl).GetLeftPart(UriPartial.Authority), OAuthGatewayFixture.AllowedOrigin, null })
        {
            var request = RawMcp.Post(scenario.McpUri, RawMcp.InitializeBody);
            if (origin is not null)
            {
                request.Headers.TryAddWithoutValidation("Origin", origin);
            }

            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{origin ?? "no Origin"}: {(int)response.StatusCode}");
        }
    }

    private static HttpRequestMessage WithHost(HttpRequestMessage request, string host)
    {
        request.Headers.Host = host;
        return request;
    }
}
