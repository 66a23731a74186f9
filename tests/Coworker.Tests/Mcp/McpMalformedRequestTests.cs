using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Mcp;

/// <summary>
/// Malformed MCP requests, table-driven, on the real Gateway: every one gets a 4xx or a JSON-RPC error with the
/// code JSON-RPC gives it (-32700 parse error, -32600 invalid request, -32601 unknown method, -32602 invalid
/// params), never a 500 and never internals. Streamable HTTP inside a session, before any session, and the
/// legacy SSE transport.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class McpMalformedRequestTests(GatewayFixture gateway)
{
    private const int ParseError = -32700;
    private const int InvalidRequest = -32600;
    private const int MethodNotFound = -32601;
    private const int InvalidParams = -32602;

    /// <summary>One malformed request and what it must get: an HTTP status, a JSON-RPC error code, or both.</summary>
    public sealed record Case(string Name, string Body, int? Code = null, int? Status = null, bool InSession = true,
        string ContentType = "application/json", string? Accept = "application/json, text/event-stream", Dictionary<string, string>? Headers = null);

    private static string Call(string parameters) => $$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{parameters}}}""";

    private static string List(string parameters) => $$"""{"jsonrpc":"2.0","id":8,"method":"tools/list","params":{{parameters}}}""";

    private static string Initialize(string parameters) => $$"""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{{parameters}}}""";

    public static readonly Case[] Cases =
    [
        // Not JSON-RPC at all.
        new("unparseable JSON", """{"jsonrpc":"2.0","id":1,"method":""", ParseError, 400),
        new("not JSON", "not json at all", ParseError, 400),
        new("empty body", "", ParseError, 400),
        new("a bare number", "42", InvalidRequest, 400),
        new("null", "null", InvalidRequest, 400),
        new("a batch of requests", """[{"jsonrpc":"2.0","id":3,"method":"tools/list"}]""", InvalidRequest, 400),
        new("an empty batch", "[]", InvalidRequest, 400),
        new("JSON-RPC 1.0", """{"jsonrpc":"1.0","id":2,"method":"tools/list"}""", InvalidRequest, 400),
        new("no jsonrpc member", """{"id":2,"method":"tools/list"}""", InvalidRequest, 400),
        new("jsonrpc as a number", """{"jsonrpc":2.0,"id":2,"method":"tools/list"}""", InvalidRequest, 400),
        new("an id beyond 64 bits", """{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"tools/list"}""", InvalidRequest, 400),
        new("an id of 1e400", """{"jsonrpc":"2.0","id":1e400,"method":"tools/list"}""", InvalidRequest, 400),
        new("a fractional id", """{"jsonrpc":"2.0","id":1.5,"method":"tools/list"}""", InvalidRequest, 400),
        new("an object id", """{"jsonrpc":"2.0","id":{"nested":true},"method":"tools/list"}""", InvalidRequest, 400),
        new("a boolean id", """{"jsonrpc":"2.0","id":true,"method":"tools/list"}""", InvalidRequest, 400),
        new("a method that is a number", """{"jsonrpc":"2.0","id":4,"method":42}""", InvalidRequest, 400),
        new("neither method nor result", """{"jsonrpc":"2.0","id":4}""", InvalidRequest, 400),
        new("an unknown method", """{"jsonrpc":"2.0","id":5,"method":"no/such_method"}""", MethodNotFound),

        // tools/call, every field of the wrong type.
        new("tools/call without params", """{"jsonrpc":"2.0","id":7,"method":"tools/call"}""", InvalidParams),
        new("tools/call params as an array", Call("[1,2]"), InvalidParams),
        new("tools/call params as a string", Call("\"find_tools\""), InvalidParams),
        new("tools/call without a name", Call("""{"arguments":{}}"""), InvalidParams),
        new("tools/call name as a number", Call("""{"name":42,"arguments":{}}"""), InvalidParams),
        new("tools/call name as null", Call("""{"name":null}"""), InvalidParams),
        new("tools/call name as an object", Call("""{"name":{"a":1}}"""), InvalidParams),
        new("tools/call arguments as a string", Call("""{"name":"find_tools","arguments":"query=pets"}"""), InvalidParams),
        new("tools/call arguments as an array", Call("""{"name":"find_tools","arguments":["pets"]}"""), InvalidParams),
        new("tools/call arguments as a number", Call("""{"name":"find_tools","arguments":1}"""), InvalidParams),
        new("tools/call arguments as a boolean", Call("""{"name":"find_tools","arguments":true}"""), InvalidParams),
        new("tools/call _meta as a string", Call("""{"name":"find_tools","arguments":{"query":"pets"},"_meta":"x"}"""), InvalidParams),
        new("tools/call progressToken as an object", Call("""{"name":"find_tools","arguments":{"query":"pets"},"_meta":{"progressToken":{}}}"""), InvalidParams),
        new("tools/call with a numeric name and Mcp-Name header", Call("""{"name":42,"arguments":{}}"""), InvalidParams, InSession: false,
            Headers: new() { ["MCP-Protocol-Version"] = "2026-07-28", ["Mcp-Method"] = "tools/call", ["Mcp-Name"] = "42" }),
        new("tools/call with a numeric Mcp-Name header in a session", Call("""{"name":42,"arguments":{}}"""), InvalidParams,
            Headers: new() { ["Mcp-Method"] = "tools/call", ["Mcp-Name"] = "42" }),

        // tools/list.
        new("tools/list cursor as an object", List("""{"cursor":{"offset":1}}"""), InvalidParams),
        new("tools/list cursor as a number", List("""{"cursor":100}"""), InvalidParams),
        new("tools/list cursor it never issued", List("""{"cursor":"abc"}"""), InvalidParams),
        new("tools/list params as an array", List("[]"), InvalidParams),

        // initialize, before any session.
        new("initialize without params", """{"jsonrpc":"2.0","id":1,"method":"initialize"}""", InvalidParams, InSession: false),
        new("initialize clientInfo as a string", Initialize("""{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":"me"}"""), InvalidParams, InSession: false),
        new("initialize protocolVersion as a number", Initialize("""{"protocolVersion":20250618,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}"""), InvalidParams, InSession: false),
        new("initialize capabilities as an array", Initialize("""{"protocolVersion":"2025-06-18","capabilities":[],"clientInfo":{"name":"x","version":"1"}}"""), InvalidParams, InSession: false),

        // HTTP around the message.
        new("no Content-Type", RawMcp.InitializeBody, Status: 415, InSession: false, ContentType: ""),
        new("Content-Type text/plain", RawMcp.InitializeBody, Status: 415, InSession: false, ContentType: "text/plain"),
        new("Accept without text/event-stream", RawMcp.InitializeBody, Status: 406, InSession: false, Accept: "application/json"),
        new("no Accept header", RawMcp.InitializeBody, Status: 406, InSession: false, Accept: null),
        new("an unsupported MCP-Protocol-Version", List("{}"), Status: 400, Headers: new() { ["MCP-Protocol-Version"] = "1999-01-01" }),
        new("the session id of no session", List("{}"), Status: 404, InSession: false, Headers: new() { [RawMcp.SessionHeader] = "no-such-session" }),
        new("a notification with params as a string", """{"jsonrpc":"2.0","method":"notifications/cancelled","params":"x"}"""),
        new("a response to nothing the server asked", """{"jsonrpc":"2.0","id":99,"result":{}}"""),
    ];

    [Fact]
    public async Task EveryMalformedStreamableHttpRequestGetsAClientErrorOrTheRightJsonRpcErrorNeverA500()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        var session = await RawMcp.OpenSessionAsync(client, scenario.McpUri);

        var failures = new List<string>();
        foreach (var @case in Cases)
        {
            var request = RawMcp.Post(scenario.McpUri, @case.Body, @case.InSession ? session : null, @case.ContentType, @case.Accept);
            foreach (var (name, value) in @case.Headers ?? [])
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var answer = await TrySendAsync(client, request);
            if (answer is null)
            {
                failures.Add($"{@case.Name}: the connection was dropped");
            }
            else if (Check(@case, answer) is { } failure)
            {
                failures.Add($"{@case.Name}: {failure} — got {answer}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The session is still fine after all of that.
        var list = await RawMcp.SendAsync(client, RawMcp.Post(scenario.McpUri, List("{}"), session));
        Assert.True(list.HasResult, list.ToString());
    }

    [Fact]
    public async Task AGetOrDeleteWithoutWhatItNeedsIsAClientError()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        var session = await RawMcp.OpenSessionAsync(client, scenario.McpUri);

        using var jsonOnly = new HttpRequestMessage(HttpMethod.Get, scenario.McpUri);
        jsonOnly.Headers.Add(RawMcp.SessionHeader, session);
        jsonOnly.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.NotAcceptable, (await RawMcp.SendAsync(client, jsonOnly)).Status);

        using var noSession = new HttpRequestMessage(HttpMethod.Delete, scenario.McpUri);
        Assert.True((int)(await RawMcp.SendAsync(client, noSession)).Status < 500);
    }

    /// <summary>The legacy SSE transport: what is refused is refused on the POST, what the server answers is answered on the stream.</summary>
    [Fact]
    public async Task EveryMalformedLegacySseMessageGetsAClientErrorOrTheRightJsonRpcErrorNeverA500()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var client = gateway.WithKey(scenario.AgentKey);
        await using var sse = await SseStream.OpenAsync(client, gateway.BaseAddress);
        Assert.Equal(HttpStatusCode.Accepted, (await RawMcp.SendAsync(client, RawMcp.Post(sse.MessageUri, RawMcp.InitializeBody, accept: null))).Status);
        Assert.True((await sse.WaitForAsync(1)).TryGetProperty("result", out _));
        Assert.Equal(HttpStatusCode.Accepted, (await RawMcp.SendAsync(client, RawMcp.Post(sse.MessageUri, RawMcp.InitializedNotification, accept: null))).Status);

        var failures = new List<string>();
        var onPost = Cases.Where(c => c.InSession && c.Status == 400 && c.Code is not null).Select(c => c with { Status = 400 })
            .Append(new Case("no Content-Type", List("{}"), Status: 415, ContentType: ""));
        foreach (var @case in onPost)
        {
            var answer = await TrySendAsync(client, RawMcp.Post(sse.MessageUri, @case.Body, contentType: @case.ContentType, accept: null));
            if (answer is null)
            {
                failures.Add($"{@case.Name}: the connection was dropped");
            }
            else if (Check(@case, answer) is { } failure)
            {
                failures.Add($"{@case.Name}: {failure} — got {answer}");
            }
        }

        // Requests that are well-formed JSON-RPC but wrong for their method: refused on the POST (400 + the error) or
        // accepted (202) and answered on the stream under their id; either way with the right code.
        var id = 100;
        foreach (var @case in Cases.Where(c => c.InSession && c.Status is null && c.Code is InvalidParams or MethodNotFound && c.Headers is null))
        {
            id++;
            var body = JsonSerializer.Serialize(WithId(@case.Body, id));
            var answer = await RawMcp.SendAsync(client, RawMcp.Post(sse.MessageUri, body, accept: null));
            int? code;
            if (answer.Status == HttpStatusCode.Accepted)
            {
                var message = await sse.WaitForAsync(id);
                code = message.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : null;
            }
            else if (answer.Status == HttpStatusCode.BadRequest)
            {
                code = answer.ErrorCode;
            }
            else
            {
                failures.Add($"{@case.Name}: expected 202 or 400 on the POST — got {answer}");
                continue;
            }

            if (code != @case.Code)
            {
                failures.Add($"{@case.Name}: expected error {@case.Code} — got {code}: {answer}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The answer, or null when the server dropped the connection (what a crash mid-response looks like).</summary>
    private static async Task<RawMcp.Answer?> TrySendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            return await RawMcp.SendAsync(client, request);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static Dictionary<string, JsonElement> WithId(string body, int id)
    {
        var message = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        message["id"] = JsonSerializer.SerializeToElement(id);
        return message;
    }

    private static string? Check(Case @case, RawMcp.Answer answer)
    {
        if ((int)answer.Status >= 500)
        {
            return "a server error";
        }

        if (answer.Body.Contains("   at ", StringComparison.Ordinal) || answer.Body.Contains("Exception", StringComparison.Ordinal))
        {
            return "internals in the answer";
        }

        if (@case.Status is { } status && (int)answer.Status != status)
        {
            return $"expected HTTP {status}";
        }

        if (@case.Code is { } code && answer.ErrorCode != code)
        {
            return $"expected JSON-RPC error {code}";
        }

        if (@case.Code is not null && (int)answer.Status is not (200 or 400))
        {
            return "a JSON-RPC error must come with 200 (in the stream) or 400";
        }

        return null;
    }
}
