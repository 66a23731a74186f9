using System.Net;
using System.Net.Http.Headers;
using Coworker.Agents;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Mcp;

/// <summary>
/// An MCP session belongs to the credential that opened it: the same tenant, agent and API key (or OAuth
/// issuer and subject). Any other credential that names it (to post, listen or end it) is told what it would be
/// told for a session that does not exist, so it cannot even learn that the session is there. The agents here
/// share a name ("bot") in different tenants, which is where an agent-name check alone falls short.
/// </summary>
[Collection(OAuthGatewayCollection.Name)]
public sealed class McpSessionBindingTests(OAuthGatewayFixture gateway)
{
    private const string ListBody = """{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""";

    [Fact]
    public async Task AnotherTenantsAgentCannotPostToListenToOrEndASession()
    {
        await using var a = await McpScenario.CreateAsync(gateway);
        await using var b = await McpScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(b.AgentKey);
        using var intruder = gateway.WithKey(a.AgentKey);

        await AssertOnlyTheOwnerCanUseAsync(owner, intruder, b.McpUri);
    }

    [Fact]
    public async Task AnotherKeyOfTheSameAgentCannotUseTheSession()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var second = await (await scenario.Catalog.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents/bot/keys", new { name = "second" }))
            .ReadAsync<IssuedAgentKey>(HttpStatusCode.Created);
        using var owner = gateway.WithKey(scenario.AgentKey);
        using var intruder = gateway.WithKey(second.Key);

        await AssertOnlyTheOwnerCanUseAsync(owner, intruder, scenario.McpUri);
    }

    [Fact]
    public async Task ASessionOpenedWithATokenIsTheTokenSubjectsAndAKeyOfTheSameAgentCannotUseIt()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var token = await gateway.AuthorizationServer.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot");
        using var owner = gateway.WithKey(token);
        using var intruder = gateway.WithKey(scenario.AgentKey);

        await AssertOnlyTheOwnerCanUseAsync(owner, intruder, scenario.McpUri);

        // A fresh token for the same subject (a client refreshing its token) keeps the session.
        var session = await RawMcp.OpenSessionAsync(owner, scenario.McpUri);
        using var refreshed = gateway.WithKey(await gateway.AuthorizationServer.GetTokenAsync(gateway.CanonicalUrl, $"{scenario.Tenant}/bot"));
        Assert.True((await RawMcp.SendAsync(refreshed, RawMcp.Post(scenario.McpUri, ListBody, session))).HasResult);
    }

    [Fact]
    public async Task AnotherAgentCannotPostIntoALegacySseSession()
    {
        await using var a = await McpScenario.CreateAsync(gateway);
        await using var b = await McpScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(b.AgentKey);
        using var intruder = gateway.WithKey(a.AgentKey);
        await using var sse = await SseStream.OpenAsync(owner, gateway.BaseAddress);
        Assert.Equal(HttpStatusCode.Accepted, (await RawMcp.SendAsync(owner, RawMcp.Post(sse.MessageUri, RawMcp.InitializeBody, accept: null))).Status);
        await sse.WaitForAsync(1);

        // The intruder is told exactly what a made-up session id gets, and nothing reaches the owner's stream.
        var foreign = await RawMcp.SendAsync(intruder, RawMcp.Post(sse.MessageUri, PingBody(40), accept: null));
        var madeUp = await RawMcp.SendAsync(intruder, RawMcp.Post(new Uri(gateway.BaseAddress, "/mcp/message?sessionId=no-such-session"), PingBody(41), accept: null));
        Assert.True((int)foreign.Status is >= 400 and < 500, foreign.ToString());
        Assert.Equal((madeUp.Status, madeUp.Body), (foreign.Status, foreign.Body));

        Assert.Equal(HttpStatusCode.Accepted, (await RawMcp.SendAsync(owner, RawMcp.Post(sse.MessageUri, PingBody(42), accept: null))).Status);
        await sse.WaitForAsync(42);
        Assert.DoesNotContain(sse.Seen, m => m.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number && id.GetInt32() == 40);
    }

    private static string PingBody(int id) => $$"""{"jsonrpc":"2.0","id":{{id}},"method":"ping"}""";

    /// <summary>
    /// The intruder's POST, GET and DELETE on the owner's session get exactly what a made-up session id gets (404),
    /// and the owner's session lives on, answering the owner.
    /// </summary>
    private static async Task AssertOnlyTheOwnerCanUseAsync(HttpClient owner, HttpClient intruder, Uri mcp)
    {
        intruder.Timeout = TimeSpan.FromSeconds(30); // a GET let through would stream forever
        var session = await RawMcp.OpenSessionAsync(owner, mcp);

        foreach (var (verb, send) in Verbs(mcp))
        {
            var foreign = await RawMcp.SendAsync(intruder, send(session));
            var madeUp = await RawMcp.SendAsync(intruder, send("no-such-session-" + Guid.NewGuid().ToString("N")));
            Assert.True(foreign.Status == HttpStatusCode.NotFound, $"{verb} on another credential's session: {foreign}");
            Assert.Equal((madeUp.Status, madeUp.Body), (foreign.Status, foreign.Body));
        }

        var list = await RawMcp.SendAsync(owner, RawMcp.Post(mcp, ListBody, session));
        Assert.True(list.HasResult, $"the owner's session after the intruder's attempts: {list}");

        // The owner itself can end it; then it is gone for the owner too.
        using var delete = new HttpRequestMessage(HttpMethod.Delete, mcp);
        delete.Headers.Add(RawMcp.SessionHeader, session);
        Assert.Equal(HttpStatusCode.OK, (await RawMcp.SendAsync(owner, delete)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RawMcp.SendAsync(owner, RawMcp.Post(mcp, ListBody, session))).Status);
    }

    private static IEnumerable<(string Verb, Func<string, HttpRequestMessage> Send)> Verbs(Uri mcp)
    {
        yield return ("POST", session => RawMcp.Post(mcp, ListBody, session));
        yield return ("GET", session =>
        {
            var get = new HttpRequestMessage(HttpMethod.Get, mcp);
            get.Headers.Add(RawMcp.SessionHeader, session);
            get.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            return get;
        });
        yield return ("DELETE", session =>
        {
            var delete = new HttpRequestMessage(HttpMethod.Delete, mcp);
            delete.Headers.Add(RawMcp.SessionHeader, session);
            return delete;
        });
    }
}
