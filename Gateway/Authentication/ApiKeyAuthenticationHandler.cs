using System.Text.Encodings.Web;
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
        var failed = ReadKey() is not null;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"coworker\"";
        await ProblemResults.Write(Context, StatusCodes.Status401Unauthorized,
            failed ? "The API key is not valid." : "An API key is required: send 'Authorization: Bearer <key>'.");
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
