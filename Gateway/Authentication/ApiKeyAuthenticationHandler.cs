using System.Text.Encodings.Web;
using Coworker.Agents;
using Coworker.Audit;
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
    IClusterClient cluster) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
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
            var agent = await cluster.GetGrain<IAgentGrain>(GrainKeys.Compose(agentKey.Tenant, agentKey.Agent)).AuthenticateAsync(hash);
            return agent is null ? AuthenticateResult.Fail("Invalid API key.") : Success(CoworkerPrincipal.Agent(agent));
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
        var failed = key is not null;
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments(Mcp.McpEndpoints.Path)
            ? $"Bearer realm=\"coworker\", resource_metadata=\"{Mcp.McpEndpoints.ResourceMetadataUrl(Request)}\""
            : "Bearer realm=\"coworker\"";
        if (failed)
        {
            await AuditFailureAsync(key!);
        }

        await ProblemResults.Write(Context, StatusCodes.Status401Unauthorized,
            failed ? "The API key is not valid." : "An API key is required: send 'Authorization: Bearer <key>'.");
    }

    /// <summary>Records the refused credential's kind and claimed tenant, never the credential itself.</summary>
    private async Task AuditFailureAsync(string key)
    {
        var (kind, claimedTenant) = key switch
        {
            _ when key.StartsWith(ApiKeyHasher.AdminKeyPrefix + "_", StringComparison.Ordinal) => ("admin_key", (string?)null),
            _ when AgentKeyFormat.Parse(key) is { } agent => ("agent_key", agent.Tenant),
            _ when ApiKeyHasher.ScopeOf(key, ApiKeyHasher.TenantKeyPrefix) is { } tenant && Slug.IsValid(tenant) => ("tenant_key", tenant),
            _ => ("unknown", null),
        };
        try
        {
            await cluster.GetGrain<IAuditGrain>(0).RecordAsync(AuditEvents.AuthFailure(
                TimeProvider.GetUtcNow(), $"{Request.Method} {Request.Path}", "invalid_key", kind, claimedTenant,
                Context.Connection.RemoteIpAddress?.ToString()));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logger.LogWarning("Could not audit an authentication failure: {Reason}", exception.GetType().Name);
        }
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
