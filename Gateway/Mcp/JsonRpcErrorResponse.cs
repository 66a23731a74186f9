using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// A JSON-RPC error answered over HTTP before a message reaches the MCP SDK (the Streamable HTTP spec lets a server
/// refuse input with an HTTP error whose body is a JSON-RPC error). The id is echoed only when it was a valid one.
/// </summary>
public static class JsonRpcErrorResponse
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;

    /// <summary>Not a JSON-RPC standard code: what the MCP SDKs answer for an unknown session id.</summary>
    public const int SessionNotFound = -32001;

    public static async Task WriteAsync(HttpContext context, int status, int code, string message, JsonNode? id = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone(),
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        };
        await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Web), context.RequestAborted);
    }
}
