using System.Security.Claims;
using Coworker.Gateway.Authentication;

namespace Coworker.Gateway.Mcp;

/// <summary>The credential an MCP session belongs to: tenant, agent, and the API key or token subject it was opened with.</summary>
public sealed record McpSessionOwner(string Tenant, string Agent, string Credential)
{
    public static McpSessionOwner? Of(ClaimsPrincipal user) =>
        user.AgentIdentity() is { } agent && user.FindFirstValue(CoworkerPrincipal.CredentialClaim) is { Length: > 0 } credential
            ? new McpSessionOwner(agent.Tenant, agent.Agent, credential)
            : null;
}
