using System.Text.Encodings.Web;
using Coworker.Agents;
using Coworker.Common;
using Coworker.Platform;
using Coworker.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Authenticates "Authorization: Bearer {key}" (or "X-Api-Key: {key}"). Admin keys ("cwa_…") are checked
/// against the platform grain, tenant keys ("cwk_{tenant}_…") against their tenant grain. Only the
/// key's SHA-256 leaves this process; the key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IClusterClient cluster,
    AgentKeyCache agentKeys,
    AuthenticationThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey();
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (key.Length > 256)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var hash = ApiKeyHasher.Hash(key);
        if (key.StartsWith(ApiKeyHasher.AdminKeyPrefix + "_", StringComparison.Ordinal))
        {
            return await cluster.GetGrain<IPlatformGrain>(IPlatformGrain.Key).IsAdminKeyAsync(hash)
                ? Success(CoworkerPrincipal.Admin())
                : AuthenticateResult.Fail("Invalid API key.");
        }

        if (AgentKeyFormat.Parse(key) is { } agentKey)
        {
            if (agentKeys.TryGet(hash, out var cached))
            {
                return Success(CoworkerPrincipal.Agent(cached));
            }

            var generation = agentKeys.Generation;
            var agent = await cluster.GetGrain<IAgentGrain>(GrainKeys.Compose(agentKey.Tenant, agentKey.Agent)).AuthenticateAsync(hash);
            if (agent is null)
            {
                return AuthenticateResult.Fail("Invalid API key.");
            }

            agentKeys.Add(hash, agent, generation);
            return Success(CoworkerPrincipal.Agent(agent));
        }

        var tenant = ApiKeyHasher.ScopeOf(key, ApiKeyHasher.TenantKeyPrefix);
        if (tenant is null || !Slug.IsValid(tenant))
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var principal = await cluster.GetGrain<ITenantGrain>(tenant).AuthenticateAsync(hash);
        return principal is null ? AuthenticateResult.Fail("Invalid API key.") : Success(CoworkerPrincipal.User(principal));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var key = ReadKey();
        var isToken = OAuthBearerSetup.IsJwt(Request.Headers.Authorization.ToString());
        var challenge = "Bearer realm=\"coworker\"";
        if (Request.Path.StartsWithSegments(Mcp.McpEndpoints.Path))
        {
            challenge += $", resource_metadata=\"{Mcp.McpEndpoints.ResourceMetadataUrl(Request)}\"";
        }

        if (isToken)
        {
            // RFC 6750 §3.1: say the token itself is the problem, so a client knows to get a new one.
            challenge += ", error=\"invalid_token\"";
        }

        Response.Headers.WWWAuthenticate = challenge;
        if (key is not null)
        {
            var reason = isToken ? Context.Items[OAuthBearerSetup.FailureItem] as string ?? "invalid_token" : "invalid_key";
            RecordFailure(key, isToken, reason);
        }

        await ProblemResults.Write(Context, StatusCodes.Status401Unauthorized,
            key is null ? "An API key or access token is required: send 'Authorization: Bearer <credential>'."
            : isToken ? $"The access token is not valid ({(Context.Items[OAuthBearerSetup.FailureItem] as string ?? "invalid_token").Replace('_', ' ')})."
            : "The API key is not valid.");
    }

    /// <summary>
    /// Counts the refusal against its source's limit and adds it to the source's audit summary: the credential's
    /// kind and claimed tenant, never the credential itself. One audit row per source per interval, not per request.
    /// </summary>
    private void RecordFailure(string key, bool isToken, string reason)
    {
        var (kind, claimedTenant) = key switch
        {
            _ when isToken => ("bearer_token", (string?)null),
            _ when key.StartsWith(ApiKeyHasher.AdminKeyPrefix + "_", StringComparison.Ordinal) => ("admin_key", (string?)null),
            _ when AgentKeyFormat.Parse(key) is { } agent => ("agent_key", agent.Tenant),
            _ when ApiKeyHasher.ScopeOf(key, ApiKeyHasher.TenantKeyPrefix) is { } tenant && Slug.IsValid(tenant) => ("tenant_key", tenant),
            _ => ("unknown", null),
        };
        throttle.Refused(Context, kind, reason, claimedTenant);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResults.Write(Context, StatusCodes.Status403Forbidden, "Your role does not allow this action.");

    private string? ReadKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var apiKey = Request.Headers["X-Api-Key"].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
}
