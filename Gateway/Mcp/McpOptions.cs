namespace Coworker.Gateway.Mcp;

/// <summary>MCP endpoint settings (configuration section "Coworker:Mcp").</summary>
public sealed class McpOptions
{
    public const string Section = "Coworker:Mcp";

    /// <summary>
    /// This server's canonical MCP URL (<see cref="Coworker.ServiceDefaults.ConfigKeys.McpCanonicalUrl"/>): the audience
    /// OAuth access tokens must carry, the "resource" of the protected-resource metadata, and the only Host /mcp
    /// serves besides loopback names of its own port. Defaults to the address the Gateway listens on (local runs);
    /// never taken from a request's Host header.
    /// </summary>
    public string? CanonicalUrl { get; set; }

    /// <summary>OAuth 2.1 authorization servers (issuers) whose access tokens this server accepts.</summary>
    public List<string> AuthorizationServers { get; set; } = [];

    /// <summary>
    /// Browser origins ("https://app.example.com") allowed to call /mcp besides the origin of <see cref="CanonicalUrl"/>
    /// (DNS-rebinding protection). Requests without an Origin header (non-browser clients) are allowed; "null",
    /// file:// and every other origin get 403.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public int PageSize { get; set; } = 100;
}
