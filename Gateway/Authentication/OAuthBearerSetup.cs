using System.Security.Claims;
using Coworker.Agents;
using Coworker.Common;
using Coworker.Gateway.Mcp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// OAuth 2.1 access tokens for agents at the MCP endpoint: a JWT from a configured authorization server,
/// validated for issuer, signature, lifetime (at most 60 s clock skew) and audience = this server's
/// canonical MCP URL (<see cref="McpCanonicalUrl"/>; RFC 8707 resource indicators), so a token minted for another
/// resource is refused.
/// The token names its agent in claim "coworker_agent" (or "sub") as "{tenant}/{agent}". Tokens are
/// only ever validated here; they are never forwarded upstream.
/// </summary>
public static class OAuthBearerSetup
{
    public const string Scheme = "OAuthBearer";
    public const string SelectorScheme = "KeyOrToken";
    public const string AgentClaim = "coworker_agent";

    /// <summary>HttpContext item holding why a bearer token was refused, for the 401 and the audit row.</summary>
    public const string FailureItem = "coworker.token-failure";

    public static AuthenticationBuilder AddAgentOAuthBearer(this AuthenticationBuilder builder)
    {
        builder.AddPolicyScheme(SelectorScheme, "API key or OAuth access token", options =>
            options.ForwardDefaultSelector = context => IsJwt(context.Request.Headers.Authorization.ToString()) ? Scheme : CoworkerPrincipal.Scheme);

        builder.AddJwtBearer(Scheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<McpOptions>, McpCanonicalUrl>((jwt, mcp, canonical) =>
        {
            var issuers = mcp.Value.AuthorizationServers;
            jwt.MapInboundClaims = false;
            jwt.Authority = issuers.FirstOrDefault();
            jwt.RequireHttpsMetadata = issuers.FirstOrDefault()?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
            jwt.TokenValidationParameters.ValidIssuers = issuers.SelectMany(i => new[] { i, i.TrimEnd('/') + "/" }).ToList();
            jwt.TokenValidationParameters.ValidateAudience = true;
            // Named options are built on the first request that needs them, when the listening address (the default
            // canonical URL) is known.
            var url = canonical.Value;
            jwt.TokenValidationParameters.ValidAudiences = [url, url.TrimEnd('/'), url.TrimEnd('/') + "/"];
            jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(60);
            jwt.TokenValidationParameters.RequireExpirationTime = true;
            jwt.ForwardChallenge = CoworkerPrincipal.Scheme; // one 401 shape: problem+json + resource_metadata
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = MapAgentAsync,
                OnAuthenticationFailed = context =>
                {
                    context.HttpContext.Items[FailureItem] = context.Exception switch
                    {
                        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "expired_token",
                        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException => "wrong_audience",
                        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "wrong_issuer",
                        Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException
                            or Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException => "bad_signature",
                        _ => "invalid_token",
                    };
                    return Task.CompletedTask;
                },
            };
        });
        return builder;
    }

    public static bool IsJwt(string header) =>
        header.StartsWith("Bearer ey", StringComparison.Ordinal) && header.Count(c => c == '.') == 2;

    /// <summary>Turns a valid token into the same agent principal an agent API key yields.</summary>
    private static async Task MapAgentAsync(TokenValidatedContext context)
    {
        var claimed = context.Principal?.FindFirstValue(AgentClaim) ?? context.Principal?.FindFirstValue("sub");
        var slash = claimed?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (claimed is null || slash <= 0 || !Slug.IsValid(claimed[..slash]) || !Slug.IsValid(claimed[(slash + 1)..]))
        {
            context.HttpContext.Items[FailureItem] = "no_agent";
            context.Fail("The access token does not name an agent.");
            return;
        }

        var cluster = context.HttpContext.RequestServices.GetRequiredService<IClusterClient>();
        try
        {
            var agent = await cluster.GetGrain<IAgentGrain>(claimed).GetAsync();
            // The token's issuer and subject stand for the credential, as a key's id does: a refreshed token for the same
            // subject is the same caller (and keeps its MCP session); another client's token for the agent is not.
            var issuer = context.Principal?.FindFirstValue("iss") ?? context.Options.Authority ?? "";
            var subject = context.Principal?.FindFirstValue("sub") ?? claimed;
            context.Principal = CoworkerPrincipal.Agent(new AgentPrincipal(agent.Tenant, agent.Id, agent.Status, $"oauth:{issuer}|{subject}"));
        }
        catch (CoworkerException)
        {
            context.HttpContext.Items[FailureItem] = "unknown_agent";
            context.Fail("The access token names an unknown agent.");
        }
    }
}
