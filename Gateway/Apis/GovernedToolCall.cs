using System.Security.Claims;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Gateway.Authentication;

namespace Coworker.Gateway.Apis;

/// <summary>
/// The rules of an agent's governed tool call outside MCP, shared by REST (<see cref="ToolCallsApi"/>) and gRPC:
/// who may call, which names can exist, and which outcomes are refusals rather than answers.
/// </summary>
public static class GovernedToolCall
{
    /// <summary>Only the agent itself calls its tools: a user trying a tool uses its test run, and no agent speaks for another.</summary>
    public static void RequireAgent(ClaimsPrincipal user, string tenant, string agent)
    {
        if (user.AgentIdentity() is not { } caller || caller.Tenant != tenant || caller.Agent != agent)
        {
            throw CoworkerException.Forbidden("Only the agent itself can call its tools; operators can try a tool with its test run.");
        }
    }

    /// <summary>Runs the call through the governed pipeline; a name that cannot exist is not found.</summary>
    public static Task<ToolCallResult> InvokeAsync(IClusterClient cluster, string tenant, string agent, string tool, string argumentsJson) =>
        ToolNames.IsValid(tool)
            ? cluster.GetGrain<IToolInvokerGrain>(0).InvokeAsync(tenant, agent, tool, argumentsJson)
            : throw CoworkerException.NotFound("Tool", tool);

    /// <summary>The refusal a result stands for, or null when the call went to the upstream (whatever it answered).</summary>
    public static ToolCallRefusal? Refusal(ToolCallResult result) => result.Outcome switch
    {
        ToolCallOutcomes.RateLimited => new(StatusCodes.Status429TooManyRequests, "RateLimited", result.Text, result.RetryAfter ?? TimeSpan.FromSeconds(1)),
        ToolCallOutcomes.QuotaExhausted => new(StatusCodes.Status429TooManyRequests, "QuotaExhausted", result.Text, result.RetryAfter ?? TimeSpan.FromSeconds(1)),
        ToolCallOutcomes.Denied => new(StatusCodes.Status403Forbidden, nameof(ErrorKind.Forbidden), result.Text, null),
        ToolCallOutcomes.NotPublished => new(StatusCodes.Status404NotFound, nameof(ErrorKind.NotFound), result.Text, null),
        ToolCallOutcomes.InvalidArguments => new(StatusCodes.Status400BadRequest, nameof(ErrorKind.Validation), result.Text, null),
        _ => null,
    };
}
