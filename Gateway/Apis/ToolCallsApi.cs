using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Gateway.Authentication;

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
        if (user.AgentIdentity() is not { } caller || caller.Tenant != tenant || caller.Agent != agent)
        {
            // A user trying a tool uses its test run; one agent never calls on another's behalf.
            throw CoworkerException.Forbidden("Only the agent itself can call its tools; operators can try a tool with its test run.");
        }

        if (arguments is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            throw CoworkerException.Validation("The request body must be a JSON object of the tool's arguments.");
        }

        if (!ToolNames.IsValid(tool))
        {
            throw CoworkerException.NotFound("Tool", tool);
        }

        var json = arguments is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : "{}";
        var result = await cluster.GetGrain<IToolInvokerGrain>(0).InvokeAsync(tenant, agent, tool, json);
        switch (result.Outcome)
        {
            case ToolCallOutcomes.RateLimited or ToolCallOutcomes.QuotaExhausted:
                var wait = result.RetryAfter ?? TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(result.Text, statusCode: StatusCodes.Status429TooManyRequests,
                    type: result.Outcome == ToolCallOutcomes.RateLimited ? "urn:coworker:error:RateLimited" : "urn:coworker:error:QuotaExhausted");
            case ToolCallOutcomes.Denied:
                return TypedResults.Problem(result.Text, statusCode: StatusCodes.Status403Forbidden, type: $"urn:coworker:error:{ErrorKind.Forbidden}");
            case ToolCallOutcomes.NotPublished:
                return TypedResults.Problem(result.Text, statusCode: StatusCodes.Status404NotFound, type: $"urn:coworker:error:{ErrorKind.NotFound}");
            case ToolCallOutcomes.InvalidArguments:
                return TypedResults.Problem(result.Text, statusCode: StatusCodes.Status400BadRequest, type: $"urn:coworker:error:{ErrorKind.Validation}");
            default:
                return TypedResults.Ok(new ToolCallResponse(
                    result.IsError, result.Outcome, result.UpstreamStatus, result.Text,
                    result.StructuredJson is { } structured ? JsonDocument.Parse(structured).RootElement.Clone() : null, result.LatencyMs));
        }
    }
}
