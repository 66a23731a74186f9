namespace Coworker.Gateway.Mcp;

/// <summary>MCP endpoint settings (configuration section "Coworker:Mcp").</summary>
public sealed class McpOptions
{
    public const string Section = "Coworker:Mcp";

    /// <summary>
    /// This server's canonical MCP URL: the audience OAuth access tokens must carry and the "resource" of the
    /// protected-resource metadata. Defaults to the request's own scheme, host and /mcp.
    /// </summary>
    public string? CanonicalUrl { get; set; }

    /// <summary>OAuth 2.1 authorization servers (issuers) whose access tokens this server accepts.</summary>
    public List<string> AuthorizationServers { get; set; } = [];

    /// <summary>
    /// Browser origins allowed to call /mcp (DNS-rebinding protection). Requests without an Origin header
    /// (non-browser clients) are allowed, and so are loopback origins and the origin of <see cref="CanonicalUrl"/>.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public int PageSize { get; set; } = 100;
}
