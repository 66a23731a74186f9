using System.Text.Json;
using System.Text.Json.Nodes;
using Coworker.Gateway.Authentication;
using Microsoft.Net.Http.Headers;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// Reads every message POSTed to /mcp or /mcp/message before the SDK does and refuses a malformed one with an HTTP
/// error and a JSON-RPC error body (415 without a JSON Content-Type, 400 with -32700 parse error, -32600 invalid
/// request, -32602 invalid params), because what the SDK does with such input is a 500 or a -32603 internal error.
/// One JSON-RPC message per POST: batches were dropped from MCP in 2025-06-18. Runs after authentication, for
/// agents only, so nobody's body is read before they are known.
/// </summary>
public static class McpMessageValidation
{
    private const int MaxDepth = 64;

    public static IApplicationBuilder UseMcpMessageValidation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!HttpMethods.IsPost(context.Request.Method) || context.User.AgentIdentity() is null
                || !(path.Equals(McpEndpoints.Path, StringComparison.OrdinalIgnoreCase) || path.Equals(McpEndpoints.Path + "/message", StringComparison.OrdinalIgnoreCase)))
            {
                await next(context);
                return;
            }

            if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
                || !contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, JsonRpcErrorResponse.InvalidRequest,
                    "Send the JSON-RPC message with Content-Type: application/json.");
                return;
            }

            context.Request.EnableBuffering();
            JsonNode? message;
            try
            {
                message = await JsonNode.ParseAsync(context.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth },
                    cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorResponse.ParseError, "The body is not valid JSON.");
                return;
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await ProblemResults.Write(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {GatewayLimits.MaxJsonBodyBytes / 1024} KiB.");
                return;
            }

            if (Invalid(message) is { } problem)
            {
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, problem.Code, problem.Message, problem.Id);
                return;
            }

            context.Request.Body.Position = 0;
            await next(context);
        });

    private static (int Code, string Message, JsonNode? Id)? Invalid(JsonNode? message)
    {
        if (message is JsonArray)
        {
            return (JsonRpcErrorResponse.InvalidRequest, "Batches are not supported: send one JSON-RPC message per request.", null);
        }

        if (message is not JsonObject values)
        {
            return (JsonRpcErrorResponse.InvalidRequest, "The body must be a JSON-RPC message object.", null);
        }

        if (values["jsonrpc"] is not JsonValue version || version.GetValueKind() != JsonValueKind.String || version.GetValue<string>() != "2.0")
        {
            return (JsonRpcErrorResponse.InvalidRequest, "jsonrpc must be \"2.0\".", null);
        }

        JsonNode? id = null;
        if (values.TryGetPropertyValue("id", out var idValue))
        {
            // String or integer ids only (MCP forbids null); a number beyond 64 bits could not be echoed back exactly.
            if (idValue is not JsonValue value
                || !(value.GetValueKind() == JsonValueKind.String || (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out _))))
            {
                return (JsonRpcErrorResponse.InvalidRequest, "id must be a string or an integer within 64 bits.", null);
            }

            id = value;
        }

        if (!values.TryGetPropertyValue("method", out var methodValue))
        {
            return id is not null && (values.ContainsKey("result") || values.ContainsKey("error"))
                ? null // a response to a request of the server's
                : (JsonRpcErrorResponse.InvalidRequest, "A request needs a method.", id);
        }

        if (methodValue is not JsonValue method || method.GetValueKind() != JsonValueKind.String)
        {
            return (JsonRpcErrorResponse.InvalidRequest, "method must be a string.", id);
        }

        return McpParamsValidator.Validate(method.GetValue<string>(), values["params"]) is { } error
            ? (JsonRpcErrorResponse.InvalidParams, $"Invalid params: {error}", id)
            : null;
    }
}
