using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Coworker.Tests.Mcp;

/// <summary>
/// MCP over plain HttpClient, for what an SDK client would never send: foreign session ids, malformed bodies,
/// odd headers. Answers come back as the HTTP status plus the JSON-RPC messages of the body (JSON or SSE).
/// </summary>
public static class RawMcp
{
    public const string SessionHeader = "Mcp-Session-Id";

    public const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw-tests","version":"1.0"}}}""";

    public const string InitializedNotification = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    public static HttpRequestMessage Post(Uri mcp, string body, string? session = null, string contentType = "application/json", string? accept = "application/json, text/event-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, mcp) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType.Length > 0)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (session is not null)
        {
            request.Headers.Add(SessionHeader, session);
        }

        return request;
    }

    /// <summary>initialize + notifications/initialized with this credential; returns the new session's id.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient client, Uri mcp)
    {
        using var response = await client.SendAsync(Post(mcp, InitializeBody));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"initialize: {(int)response.StatusCode} {body}");
        var session = response.Headers.GetValues(SessionHeader).Single();
        using var initialized = await client.SendAsync(Post(mcp, InitializedNotification, session));
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    /// <summary>Sends and reads the whole answer: status, raw body, and the JSON-RPC messages in it.</summary>
    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, Messages(body));
        }
    }

    /// <summary>The JSON objects of a JSON body or of the "data:" lines of an SSE body.</summary>
    public static IReadOnlyList<JsonElement> Messages(string body)
    {
        var candidates = body.TrimStart().StartsWith("event:", StringComparison.Ordinal) || body.Contains("\ndata:", StringComparison.Ordinal) || body.StartsWith("data:", StringComparison.Ordinal)
            ? body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim())
            : [body];
        var messages = new List<JsonElement>();
        foreach (var candidate in candidates)
        {
            try
            {
                using var document = JsonDocument.Parse(candidate);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    messages.Add(document.RootElement.Clone());
                }
            }
            catch (JsonException)
            {
                // not JSON: the caller sees it in Answer.Body
            }
        }

        return messages;
    }

    public sealed record Answer(HttpStatusCode Status, string? MediaType, string Body, IReadOnlyList<JsonElement> Messages)
    {
        /// <summary>The JSON-RPC error code of the (first) error in the answer, if any.</summary>
        public int? ErrorCode => Messages.Select(m => m.TryGetProperty("error", out var e) && e.TryGetProperty("code", out var c) && c.TryGetInt32(out var code) ? code : (int?)null)
            .FirstOrDefault(c => c is not null);

        public bool HasResult => Messages.Any(m => m.TryGetProperty("result", out _));

        public override string ToString() => $"{(int)Status} {MediaType}: {(Body.Length > 400 ? Body[..400] + "…" : Body)}";
    }
}
