using Coworker.Gateway.Authentication;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// The MCP surface: streamable HTTP at /mcp (sessions and stateless requests), legacy SSE at /mcp/sse +
/// /mcp/message, the RFC 9728 protected-resource metadata, Host and Origin validation, and agent-only access.
/// Sessions are bound to their credential (<see cref="McpSessionBinding"/>) and messages checked before the SDK
/// reads them (<see cref="McpMessageValidation"/>).
/// </summary>
public static class McpEndpoints
{
    public const string Path = "/mcp";
    public const string MetadataPath = "/.well-known/oauth-protected-resource";
    public const string AgentPolicy = "mcp-agent";

    /// <summary>The RFC 9728 metadata URL the 401 challenge names: from the canonical URL, never from the request's Host.</summary>
    public static string ResourceMetadataUrl(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<McpCanonicalUrl>().ResourceMetadataUrl;

    public static IServiceCollection AddCoworkerMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<McpOptions>().Bind(configuration.GetSection(McpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<McpOptions>, McpOptionsValidator>();
        services.AddSingleton<McpCanonicalUrl>();
        services.AddSingleton<McpSessionRegistry>();
        services.AddAuthorizationBuilder().AddPolicy(AgentPolicy, policy => policy
            .AddAuthenticationSchemes(OAuthBearerSetup.SelectorScheme)
            .RequireClaim(CoworkerPrincipal.KindClaim, CoworkerPrincipal.AgentKind));
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "coworker", Version = typeof(McpEndpoints).Assembly.GetName().Version?.ToString() ?? "1.0" };
                options.Capabilities = new() { Tools = new() { ListChanged = true } };
                options.ServerInstructions = "Tools of your organisation's systems, governed by Coworker. Use find_tools to discover tools by describing the task.";
            })
            .WithHttpTransport(transport =>
            {
                transport.SessionMode = ModelContextProtocol.AspNetCore.HttpServerSessionMode.StatefulForInitializeClients;
                // Older clients only speak the legacy SSE transport; every caller here is an authenticated
                // agent with a rate limit, which is the backpressure the SDK's warning asks for.
#pragma warning disable MCP9004
                transport.EnableLegacySse = true;
#pragma warning restore MCP9004
                // The session registry needs to know when a session starts and ends (experimental API).
#pragma warning disable MCPEXP002
                transport.RunSessionHandler = (http, server, cancellationToken) =>
                    http.RequestServices.GetRequiredService<McpSessionRegistry>().RunAsync(http.User, server, cancellationToken);
#pragma warning restore MCPEXP002
            })
            .WithListToolsHandler(McpToolHandlers.ListToolsAsync)
            .WithCallToolHandler(McpToolHandlers.CallToolAsync);
        return services;
    }

    public static IEndpointRouteBuilder MapCoworkerMcp(this IEndpointRouteBuilder app)
    {
        app.MapGet(MetadataPath + "/{**resource}", ProtectedResourceMetadata).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(MetadataPath, ProtectedResourceMetadata).AllowAnonymous().ExcludeFromDescription();
        app.MapMcp(Path).RequireAuthorization(AgentPolicy);
        return app;
    }

    /// <summary>
    /// Before anything else runs on /mcp: a Host that is not this Gateway's (421) and a browser Origin that is not
    /// allowed (403) are refused (DNS-rebinding protection; <see cref="McpCanonicalUrl"/> says what is ours).
    /// </summary>
    public static IApplicationBuilder UseMcpHostAndOriginValidation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path))
            {
                var canonical = context.RequestServices.GetRequiredService<McpCanonicalUrl>();
                if (!canonical.ServesHost(context))
                {
                    await ProblemResults.Write(context, StatusCodes.Status421MisdirectedRequest,
                        "This Host is not this MCP server's: use its canonical URL.");
                    return;
                }

                if (context.Request.Headers.Origin is { Count: > 0 } origin && !canonical.AllowsOrigin(origin.ToString(), context))
                {
                    await ProblemResults.Write(context, StatusCodes.Status403Forbidden, "This Origin is not allowed to use the MCP endpoint.");
                    return;
                }
            }

            await next(context);
        });

    /// <summary>An authenticated but inactive agent knocking: recorded under its tenant.</summary>
    private static async Task AuditRefusedAgentAsync(HttpContext context, string? status)
    {
        var (tenant, agent) = context.User.AgentIdentity()!.Value;
        try
        {
            await context.RequestServices.GetRequiredService<IClusterClient>().GetGrain<Coworker.Audit.IAuditGrain>(0).RecordAsync(
                new Coworker.Audit.AuditEvent(Guid.CreateVersion7(), tenant, DateTimeOffset.UtcNow, Coworker.Audit.AuditKinds.ToolDenied,
                    $"agent:{agent}", $"{context.Request.Method} {Path}", "denied",
                    new Dictionary<string, string> { ["reason"] = $"agent_{status?.ToLowerInvariant() ?? "unknown"}" }));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpEndpoints))
                .LogWarning("Could not audit a refused agent: {Reason}", exception.GetType().Name);
        }
    }

    private static IResult ProtectedResourceMetadata(McpCanonicalUrl canonical, IOptions<McpOptions> options) =>
        Results.Json(new
        {
            resource = canonical.Value,
            authorization_servers = options.Value.AuthorizationServers,
            bearer_methods_supported = new[] { "header" },
            resource_name = "Coworker MCP gateway",
        });

    /// <summary>A suspended or terminated agent gets nothing, not even its tool list (runs after authentication).</summary>
    public static IApplicationBuilder UseMcpActiveAgents(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path) && context.User.AgentIdentity() is not null)
            {
                var status = context.User.FindFirst(CoworkerPrincipal.AgentStatusClaim)?.Value;
                if (status != nameof(Coworker.Agents.AgentStatus.Active))
                {
                    await AuditRefusedAgentAsync(context, status);
                    await ProblemResults.Write(context, StatusCodes.Status403Forbidden,
                        $"The agent is {status?.ToLowerInvariant() ?? "unknown"}; only active agents can use the MCP endpoint.");
                    return;
                }
            }

            await next(context);
        });
}
