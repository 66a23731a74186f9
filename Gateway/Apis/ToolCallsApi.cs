using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Gateway.Apis.Contracts;

namespace Coworker.Gateway.Apis;

/// <summary>
/// The REST twin of MCP tools/call, for agents and SDKs that do not speak MCP: the same governed pipeline
/// (<see cref="IToolInvokerGrain.InvokeAsync"/>), with HTTP status codes where MCP has tool errors — 403 for a
/// denial, 404 for a tool that is not published, 400 for arguments that do not fit the schema, and 429 with
/// Retry-After when a rate limit is used up. A call that reached the upstream is 200 whatever the upstream said;
/// <c>isError</c>, <c>outcome</c> and <c>upstreamStatus</c> tell how it went.
/// </summary>
public static class ToolCallsApi
{
    public static IEndpointRouteBuilder MapToolCallsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tenants/{tenant}/agents/{agent}/tools/{tool}/call", CallTool)
            .RequireAuthorization()
            .WithTags("Tool calls").WithName("CallTool")
            .WithSummary("Call a granted, published tool as the agent (agent credentials only); the body is the arguments object.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> CallTool(
        HttpContext http, ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, string tool, JsonElement? arguments)
    {
        GovernedToolCall.RequireAgent(user, tenant, agent);
        if (arguments is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            throw CoworkerException.Validation("The request body must be a JSON object of the tool's arguments.");
        }

        var json = arguments is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : "{}";
        var result = await GovernedToolCall.InvokeAsync(cluster, tenant, agent, tool, json);
        if (GovernedToolCall.Refusal(result) is { } refusal)
        {
            if (refusal.RetryAfter is { } wait)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, type: refusal.Type);
        }

        return TypedResults.Ok(new ToolCallResponse(
            result.IsError, result.Outcome, result.UpstreamStatus, result.Text,
            result.StructuredJson is { } structured ? JsonDocument.Parse(structured).RootElement.Clone() : null, result.LatencyMs));
    }
}
