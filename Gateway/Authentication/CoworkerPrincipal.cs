using System.Security.Claims;
using Coworker.Tenants;

namespace Coworker.Gateway.Authentication;

/// <summary>Claim names the key handler issues, and typed readers over them.</summary>
public static class CoworkerPrincipal
{
    public const string Scheme = "CoworkerKey";
    public const string KindClaim = "coworker:kind";
    public const string TenantClaim = "coworker:tenant";
    public const string RoleClaim = "coworker:role";
    public const string AgentClaim = "coworker:agent";
    public const string AgentStatusClaim = "coworker:agent-status";
    /// <summary>The agent credential a request came with: an API key's id, or "oauth:{issuer}|{subject}" for a token.</summary>
    public const string CredentialClaim = "coworker:credential";
    public const string AdminKind = "admin";
    public const string UserKind = "user";
    public const string AgentKind = "agent";

    public static ClaimsPrincipal Admin() => Build(AdminKind, "admin", tenant: null, role: null);

    public static ClaimsPrincipal User(TenantPrincipal principal) =>
        Build(UserKind, principal.UserId, principal.Tenant, principal.Role);

    /// <summary>
    /// The name identifier is the whole credential (tenant, agent, key or token subject): the MCP SDK binds a session
    /// to the name identifier of the principal that opened it, and an agent's name alone repeats across tenants.
    /// </summary>
    public static ClaimsPrincipal Agent(Coworker.Agents.AgentPrincipal agent) =>
        new(new ClaimsIdentity(
            [
                new Claim(KindClaim, AgentKind), new Claim(ClaimTypes.NameIdentifier, $"{agent.Tenant}/{agent.Agent}/{agent.KeyId}"),
                new Claim(TenantClaim, agent.Tenant), new Claim(AgentClaim, agent.Agent), new Claim(AgentStatusClaim, agent.Status.ToString()),
                new Claim(CredentialClaim, agent.KeyId),
            ],
            Scheme));

    /// <summary>The (tenant, agent) an agent principal speaks for, or null for users and admins.</summary>
    public static (string Tenant, string Agent)? AgentIdentity(this ClaimsPrincipal user) =>
        user.FindFirstValue(KindClaim) == AgentKind && user.Tenant() is { } tenant && user.FindFirstValue(AgentClaim) is { } agent
            ? (tenant, agent)
            : null;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.FindFirstValue(KindClaim) == AdminKind;

    public static string? Tenant(this ClaimsPrincipal user) => user.FindFirstValue(TenantClaim);

    public static TenantRole? TenantRole(this ClaimsPrincipal user) =>
        Enum.TryParse<TenantRole>(user.FindFirstValue(RoleClaim), out var role) ? role : null;

    /// <summary>The actor string stamped on events: "admin" or "user:{id}".</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.IsAdmin() ? AdminKind
        : user.AgentIdentity() is { } agent ? $"{AgentKind}:{agent.Tenant}/{agent.Agent}"
        : $"{UserKind}:{user.FindFirstValue(ClaimTypes.NameIdentifier)}";

    private static ClaimsPrincipal Build(string kind, string name, string? tenant, TenantRole? role)
    {
        var claims = new List<Claim> { new(KindClaim, kind), new(ClaimTypes.NameIdentifier, name) };
        if (tenant is not null)
        {
            claims.Add(new Claim(TenantClaim, tenant));
        }

        if (role is not null)
        {
            claims.Add(new Claim(RoleClaim, role.Value.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }
}
