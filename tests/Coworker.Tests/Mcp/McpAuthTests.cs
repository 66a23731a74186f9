using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coworker.Audit;
using Coworker.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Coworker.Tests.Mcp;

/// <summary>
/// Who may use /mcp: OAuth 2.1 access tokens from a real authorization server (OpenIddict, client credentials)
/// checked for issuer, signature, lifetime, audience = the canonical MCP URL and a known active agent; the 401
/// challenge and RFC 9728 metadata that point a client at the authorization server; Origin validation; malformed
/// JSON-RPC; and the platform audit rows refused credentials leave.
/// </summary>
[Collection(OAuthGatewayCollection.Name)]
public sealed class McpAuthTests(OAuthGatewayFixture gateway)
{
    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"auth-tests","version":"1.0"}}}""";

    private OAuthTestServer Server => gateway.AuthorizationServer;

    private string ResourceMetadataUrl => new Uri(gateway.BaseAddress, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;

    [Fact]
    public void TheCanonicalUrlIsTheGatewaysOwnMcpUrl()
    {
        Assert.Equal(new Uri(gateway.BaseAddress, "/mcp").AbsoluteUri, gateway.CanonicalUrl);
    }

    [Fact]
    public async Task ATokenForThisServerNamingAnActiveAgentListsAndCallsItsTools()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var token = await Server.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot");
        var jwt = new JsonWebToken(token);
        Assert.Equal(Server.Issuer, jwt.Issuer);
        Assert.Equal([gateway.CanonicalUrl], jwt.Audiences);
        Assert.Equal($"{scenario.Tenant}/bot", jwt.GetClaim(OAuthTestServer.AgentParameter).Value);

        await using var client = await scenario.ConnectAsync(key: token);
        var names = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Equal("find_tools", names[0]);
        Assert.Equal(McpScenario.Granted.Select(op => scenario.Tools[op]).Order(StringComparer.Ordinal), names.Skip(1));

        var result = await client.CallToolAsync(scenario.Tools["GET /pets/{petId}"], new Dictionary<string, object?> { ["petId"] = 7 });
        Assert.NotEqual(true, result.IsError);
        Assert.Contains("pet-7", ((TextContentBlock)result.Content[0]).Text);
        // The token is only ever validated at the Gateway; it is never forwarded upstream.
        Assert.False(scenario.Upstream.LastHeaders!.ContainsKey("Authorization"));
        Assert.DoesNotContain(scenario.Upstream.LastHeaders!, h => h.Value.ToString().Contains(jwt.EncodedSignature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClientFollowingTheChallengeFindsTheServerAndGetsAWorkingToken()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var anonymous = gateway.Anonymous();

        // 401 -> resource_metadata -> authorization server -> its discovery -> token endpoint, using only what each step says.
        using var challenged = await anonymous.SendAsync(McpPost(InitializeRequest));
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        var parameter = Assert.Single(challenged.Headers.WwwAuthenticate).Parameter!;
        var metadataUrl = parameter.Split("resource_metadata=\"")[1].Split('"')[0];
        using var metadata = JsonDocument.Parse(await anonymous.GetStringAsync(metadataUrl));
        var resource = metadata.RootElement.GetProperty("resource").GetString()!;
        var issuer = metadata.RootElement.GetProperty("authorization_servers")[0].GetString()!;
        using var discovery = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri(new Uri(issuer), ".well-known/openid-configuration")));
        var tokenEndpoint = discovery.RootElement.GetProperty("token_endpoint").GetString()!;
        using var tokenResponse = await anonymous.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = OAuthTestServer.ClientId,
            ["client_secret"] = OAuthTestServer.ClientSecret,
            ["resource"] = resource,
            [OAuthTestServer.AgentParameter] = $"{scenario.Tenant}/bot",
        }));
        using var issued = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var token = issued.RootElement.GetProperty("access_token").GetString()!;

        await using var client = await scenario.ConnectAsync(key: token);
        var result = await client.CallToolAsync(scenario.Tools["GET /pets"], new Dictionary<string, object?> { ["limit"] = 2 });
        Assert.NotEqual(true, result.IsError);
        Assert.Contains("pet-2", ((TextContentBlock)result.Content[0]).Text);
    }

    [Fact]
    public async Task ASubjectNamingTheAgentIsEnoughWithoutTheAgentClaim()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        // OpenIddict puts the client id in "sub"; this token, signed with the trusted server's own key, names the
        // agent in "sub" alone, as an authorization server that maps clients to agents would.
        var token = Server.Sign(
            new Dictionary<string, object> { ["aud"] = gateway.CanonicalUrl, ["sub"] = $"{scenario.Tenant}/bot" },
            DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));

        await using var client = await scenario.ConnectAsync(key: token);
        Assert.NotEmpty(await client.ListToolsAsync());
    }

    [Fact]
    public async Task ATokenForAnotherResourceIsRefused()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var since = DateTimeOffset.UtcNow;
        var token = await Server.GetTokenAsync("https://other.example/mcp", $"{scenario.Tenant}/bot");
        Assert.Equal(["https://other.example/mcp"], new JsonWebToken(token).Audiences);

        await AssertConnectRefusedAsync(scenario, token);
        await AssertChallengedAsync(await PostMcpAsync(token));
        await AssertAuthFailuresAuditedAsync(since, token, atLeast: 2);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedBeyondTheClockSkew()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var since = DateTimeOffset.UtcNow;
        // OpenIddict issues it: a negative lifetime puts "exp" ten minutes before "iat", well past the 60 s skew.
        var token = await Server.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot", TimeSpan.FromMinutes(-10));
        Assert.True(new JsonWebToken(token).ValidTo < DateTime.UtcNow.AddMinutes(-9));

        await AssertConnectRefusedAsync(scenario, token);
        await AssertChallengedAsync(await PostMcpAsync(token));
        await AssertAuthFailuresAuditedAsync(since, token, atLeast: 2);
    }

    [Fact]
    public async Task ATokenExpiredWithinTheClockSkewIsStillAccepted()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        // Expired 15 s ago: inside the 60 s the Gateway allows for clocks that disagree.
        var token = await Server.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot", TimeSpan.FromSeconds(-15));

        await using var client = await scenario.ConnectAsync(key: token);
        Assert.NotEmpty(await client.ListToolsAsync());
    }

    [Fact]
    public async Task ATokenFromAnotherIssuerIsRefused()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var since = DateTimeOffset.UtcNow;
        // Right audience and agent, but minted and signed by an authorization server the Gateway does not trust.
        var token = await gateway.UntrustedServer.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot");
        Assert.Equal(gateway.UntrustedServer.Issuer, new JsonWebToken(token).Issuer);

        await AssertConnectRefusedAsync(scenario, token);
        await AssertChallengedAsync(await PostMcpAsync(token));
        await AssertAuthFailuresAuditedAsync(since, token, atLeast: 2);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyButClaimingTheTrustedIssuerIsRefused()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        // The untrusted server's key, the trusted server's issuer: only the signature gives it away.
        var forged = gateway.UntrustedServer.Sign(
            new Dictionary<string, object> { ["iss"] = Server.Issuer, ["aud"] = gateway.CanonicalUrl, ["sub"] = $"{scenario.Tenant}/bot", [OAuthTestServer.AgentParameter] = $"{scenario.Tenant}/bot" },
            DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));

        await AssertChallengedAsync(await PostMcpAsync(forged));
    }

    [Fact]
    public async Task ATokenNamingAnUnknownAgentOrNoAgentIsRefused()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var since = DateTimeOffset.UtcNow;
        var unknown = await Server.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/ghost");
        var otherTenant = await Server.GetTokenAsync(gateway.CanonicalUrl, $"{HttpAssertions.UniqueSlug("nobody")}/bot");
        var none = await Server.GetTokenAsync(gateway.CanonicalUrl, agent: null); // only sub = the client id

        await AssertConnectRefusedAsync(scenario, unknown);
        foreach (var token in new[] { unknown, otherTenant, none })
        {
            await AssertChallengedAsync(await PostMcpAsync(token));
        }

        await AssertAuthFailuresAuditedAsync(since, unknown, atLeast: 4);
    }

    [Fact]
    public async Task ASuspendedAgentsValidTokenIsForbidden()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var token = await Server.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot");
        (await scenario.Catalog.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents/bot/suspend", new { reason = "auth tests" }))
            .EnsureSuccessStatusCode();

        var detail = await (await PostMcpAsync(token)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("suspended", detail, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => scenario.ConnectAsync(key: token));

        // Resumed, the same token works again: the status is read on every request, not baked into the token.
        (await scenario.Catalog.Owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/agents/bot/resume", null)).EnsureSuccessStatusCode();
        await using (var client = await scenario.ConnectAsync(key: token))
        {
            Assert.NotEmpty(await client.ListToolsAsync());
        }

        (await scenario.Catalog.Owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/agents/bot/terminate", null)).EnsureSuccessStatusCode();
        Assert.Contains("terminated", await (await PostMcpAsync(token)).AssertProblemAsync(HttpStatusCode.Forbidden), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentKeyInUseStopsWorkingTheMomentTheAgentIsSuspendedOrTheKeyRevoked()
    {
        // The Gateway remembers verified agent keys for a few seconds; a change made through it must still
        // count from the very next request.
        await using var scenario = await McpScenario.CreateAsync(gateway);
        await using (var client = await scenario.ConnectAsync())
        {
            Assert.NotEmpty(await client.ListToolsAsync());
        }

        var agent = $"/api/v1/tenants/{scenario.Tenant}/agents/bot";
        (await scenario.Catalog.Owner.PostJsonAsync($"{agent}/suspend", new { reason = "key cache" })).EnsureSuccessStatusCode();
        Assert.Contains("suspended", await (await PostMcpAsync(scenario.AgentKey)).AssertProblemAsync(HttpStatusCode.Forbidden), StringComparison.Ordinal);

        (await scenario.Catalog.Owner.PostAsync($"{agent}/resume", null)).EnsureSuccessStatusCode();
        using (var resumed = await PostMcpAsync(scenario.AgentKey))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        var keys = await (await scenario.Catalog.Owner.GetAsync($"{agent}/keys")).ReadAsync<List<Coworker.Agents.AgentKeyInfo>>();
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Catalog.Owner.DeleteAsync($"{agent}/keys/{Assert.Single(keys).KeyId}")).StatusCode);
        await AssertChallengedAsync(await PostMcpAsync(scenario.AgentKey));
    }

    [Fact]
    public async Task ADisabledTenantsAgentKeysAreRefusedAtOnce()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using (var ok = await PostMcpAsync(scenario.AgentKey))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // verified, and so remembered by the Gateway
        }

        using var admin = gateway.Admin();
        (await admin.PostAsync($"/api/v1/tenants/{scenario.Tenant}/disable", null)).EnsureSuccessStatusCode();

        await AssertChallengedAsync(await PostMcpAsync(scenario.AgentKey));
    }

    [Fact]
    public async Task WithoutACredentialTheChallengePointsAtMetadataNamingTheAuthorizationServer()
    {
        using var anonymous = gateway.Anonymous();
        using var response = await anonymous.SendAsync(McpPost(InitializeRequest));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains($"resource_metadata=\"{ResourceMetadataUrl}\"", challenge.Parameter, StringComparison.Ordinal);

        using var metadata = JsonDocument.Parse(await anonymous.GetStringAsync(ResourceMetadataUrl));
        var root = metadata.RootElement;
        Assert.Equal(gateway.CanonicalUrl, root.GetProperty("resource").GetString());
        Assert.Equal([Server.Issuer], root.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], root.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));

        // A client can follow it: the authorization server's discovery document offers client credentials and keys.
        var discovery = await Server.DiscoveryAsync();
        Assert.Equal(Server.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(Server.TokenEndpoint.AbsoluteUri, discovery.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith(Server.Issuer, discovery.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuthorizationServerRefusesAWrongClientSecret()
    {
        using var response = await Server.RequestTokenAsync(
            new Dictionary<string, string> { ["resource"] = gateway.CanonicalUrl }, clientSecret: "wrong");
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"got {(int)response.StatusCode}");
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForeignOriginIsForbiddenAndNoOriginOrTheGatewaysOwnIsFine()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var foreign = McpPost(InitializeRequest);
        foreign.Headers.Add("Origin", "https://evil.example");
        using var refused = await Send(foreign, scenario.AgentKey);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);

        using var plain = await Send(McpPost(InitializeRequest), scenario.AgentKey);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Contains("\"serverInfo\"", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var own = McpPost(InitializeRequest);
        own.Headers.Add("Origin", gateway.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var same = await Send(own, scenario.AgentKey);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")]
    [InlineData("not json at all")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"nested\":true},\"method\":42}")]
    public async Task AMalformedJsonRpcBodyGetsAJsonRpcErrorWithoutInternals(string body)
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var response = await Send(McpPost(body), scenario.AgentKey);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        Assert.Equal("2.0", document.RootElement.GetProperty("jsonrpc").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("id").ValueKind);
        // JSON-RPC says -32700 for unparseable JSON; the MCP SDK (2.4) answers -32600 (invalid request) for both.
        Assert.Contains(document.RootElement.GetProperty("error").GetProperty("code").GetInt32(), new[] { -32700, -32600 });
    }

    private HttpRequestMessage McpPost(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseAddress, "/mcp"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request, string credential)
    {
        using var client = gateway.WithKey(credential);
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    private Task<HttpResponseMessage> PostMcpAsync(string credential) => Send(McpPost(InitializeRequest), credential);

    private static async Task AssertConnectRefusedAsync(McpScenario scenario, string token)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await scenario.ConnectAsync(key: token)).DisposeAsync());
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>401, problem+json, and the RFC 9728 challenge that leads a client to the authorization server.</summary>
    private async Task AssertChallengedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Contains($"resource_metadata=\"{ResourceMetadataUrl}\"", challenge.Parameter, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Refused tokens are filed in the platform audit (GET /api/v1/tenants/_platform/audit, admins only) as
    /// auth_failure by "anonymous": one summary row per source per interval whose "count" sums the refusals and
    /// whose "routes" name "POST /mcp"; no part of the token is written there.
    /// </summary>
    private async Task AssertAuthFailuresAuditedAsync(DateTimeOffset since, string token, int atLeast)
    {
        using var admin = gateway.Admin();
        var url = $"/api/v1/tenants/{AuditEvent.PlatformTenant}/audit?kind={AuditKinds.AuthFailure}"
            + $"&from={Uri.EscapeDataString(since.AddSeconds(-1).ToString("O"))}&limit=500";
        var deadline = DateTime.UtcNow.AddSeconds(60); // the audit reaches PostgreSQL through JetStream and a batch writer
        List<AuditRecord> rows;
        long refused;
        while (true)
        {
            rows = (await (await admin.GetAsync(url)).ReadAsync<AuditPage>()).Items
                .Where(row => row.Detail.TryGetValue("routes", out var routes) && routes.Contains("POST /mcp", StringComparison.Ordinal)).ToList();
            refused = rows.Sum(row => long.Parse(row.Detail["count"], System.Globalization.CultureInfo.InvariantCulture));
            if (refused >= atLeast || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(refused >= atLeast, $"expected at least {atLeast} refusals of POST /mcp in the auth_failure rows, found {refused}");
        var signature = new JsonWebToken(token).EncodedSignature;
        Assert.All(rows, row =>
        {
            Assert.Equal(("anonymous", "denied"), (row.Actor, row.Outcome));
            Assert.DoesNotContain(row.Detail.Values, v => v.Contains(signature, StringComparison.Ordinal) || v.StartsWith("ey", StringComparison.Ordinal));
        });
    }

    private sealed record AuditPage(List<AuditRecord> Items, string? Next);
}
