using Coworker.Gateway.Authentication;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// A session is used only by the credential that opened it (same tenant, agent, and key or token subject). The SDK
/// itself compares a user id claim, but not on every path (DELETE, in the versions we have run), and it answers a
/// mismatch with 403, which tells the caller the session exists. Here any other credential that names a session gets
/// exactly what a session id this Gateway never issued gets. Runs after authentication, for agents only (anyone else
/// is refused by the endpoint's policy).
/// </summary>
public static partial class McpSessionBinding
{
    private const string SessionHeader = "Mcp-Session-Id";

    /// <summary>What the SDK's legacy SSE handler answers for a session id it does not know.</summary>
    private const string SseSessionNotFound = "Session ID not found.";

    public static IApplicationBuilder UseMcpSessionBinding(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.AgentIdentity() is null || McpSessionOwner.Of(context.User) is not { } caller)
            {
                await next(context);
                return;
            }

            var registry = context.RequestServices.GetRequiredService<McpSessionRegistry>();
            var path = context.Request.Path;
            if (path.Equals(McpEndpoints.Path, StringComparison.OrdinalIgnoreCase)
                && context.Request.Headers[SessionHeader].ToString() is { Length: > 0 } sessionId
                && registry.OwnerOf(sessionId) is var sessionOwner && sessionOwner != caller)
            {
                if (sessionOwner is not null)
                {
                    ForeignSession(Logger(context), caller.Tenant, caller.Agent);
                }

                // Streamable HTTP sessions are on record from before their id is handed out, so an id that is not on
                // record for this caller is unknown to it, whoever else may hold it.
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, JsonRpcErrorResponse.SessionNotFound, "Session not found");
                return;
            }

            if (path.Equals(McpEndpoints.Path + "/message", StringComparison.OrdinalIgnoreCase)
                && context.Request.Query["sessionId"].ToString() is { Length: > 0 } sseSession
                && registry.OwnerOf(sseSession) is { } owner && owner != caller)
            {
                ForeignSession(Logger(context), caller.Tenant, caller.Agent);
                // The legacy SSE stream announces its id a moment before the session handler records the owner, so an
                // id not on record yet is left to the SDK; one owned by someone else gets the SDK's "unknown" answer.
                await Results.BadRequest(SseSessionNotFound).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpSessionBinding).FullName!);

    /// <summary>The session id itself is never logged: whoever holds it can try to use it.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {Tenant}/{Agent} named an MCP session another credential opened; it was answered as an unknown session.")]
    private static partial void ForeignSession(ILogger logger, string tenant, string agent);
}
