using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// A real OAuth 2.1 authorization server (OpenIddict 7) on 127.0.0.1 (Kestrel, random port) for the MCP token
/// tests: the client credentials grant for one fixed confidential client, JWT access tokens (unencrypted, signed
/// with an ephemeral RSA key published at /.well-known/jwks), OIDC discovery at /.well-known/openid-configuration,
/// plain HTTP. No database: OpenIddict runs in degraded mode and the handlers below authenticate the client and
/// shape the token. The issuer is the server's base URL (inferred from the request, "http://127.0.0.1:{port}/").
/// <para>
/// Token requests say what the test wants: the audience from RFC 8707 <c>resource</c> (or <c>audience</c>), the
/// agent in the test-only parameter <c>coworker_agent</c> (copied into the token's claim of that name), and the
/// lifetime in seconds in the test-only parameter <c>token_lifetime</c> (negative: already expired).
/// </para>
/// </summary>
public sealed class OAuthTestServer : IAsyncDisposable
{
    public const string ClientId = "coworker-tests";
    public const string ClientSecret = "oauth-test-client-secret-0123456789";
    public const string AgentParameter = "coworker_agent";
    public const string LifetimeParameter = "token_lifetime";
    public const string TokenPath = "/connect/token";

    private readonly WebApplication _app;

    private OAuthTestServer(WebApplication app) => _app = app;

    /// <summary>The base URL and issuer, with its trailing slash: "http://127.0.0.1:{port}/".</summary>
    public string Issuer { get; private set; } = "";

    public Uri TokenEndpoint => new(new Uri(Issuer), TokenPath);

    /// <summary>The key the server signs its tokens with (and publishes in its JWKS).</summary>
    public SigningCredentials SigningCredentials =>
        _app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0];

    public static async Task<OAuthTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetTokenEndpointUris(TokenPath.TrimStart('/'));
            options.AllowClientCredentialsFlow();
            options.AddEphemeralSigningKey();
            options.AddEphemeralEncryptionKey(); // required by OpenIddict, unused: access tokens are plain JWTs
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.DisableResourceValidation();
            options.DisableAudienceValidation();
            options.DisableScopeValidation();
            options.UseAspNetCore().DisableTransportSecurityRequirement();
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(ValidateClient));
            options.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseInlineHandler(IssueToken));
        });

        var app = builder.Build();
        app.UseAuthentication();
        var server = new OAuthTestServer(app);
        await app.StartAsync();
        server.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        // Warm up (OpenIddict builds its options and token handlers on the first request) and check it works.
        var discovery = await server.DiscoveryAsync();
        Assert.Equal(server.Issuer, discovery.GetProperty("issuer").GetString());
        await server.GetTokenAsync("urn:coworker:warm-up", agent: null);
        return server;
    }

    /// <summary>Requests an access token; fails the test when the server refuses.</summary>
    public async Task<string> GetTokenAsync(string resource, string? agent, TimeSpan? lifetime = null)
    {
        using var response = await RequestTokenAsync(new Dictionary<string, string>
        {
            [Parameters.Resource] = resource,
            [AgentParameter] = agent ?? "",
            [LifetimeParameter] = ((long)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds).ToString(CultureInfo.InvariantCulture),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token request refused: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        Assert.Equal("Bearer", document.RootElement.GetProperty("token_type").GetString());
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A raw client credentials token request with the test client's credentials plus <paramref name="parameters"/>.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(IDictionary<string, string> parameters, string clientSecret = ClientSecret)
    {
        var form = new Dictionary<string, string>(parameters)
        {
            [Parameters.GrantType] = GrantTypes.ClientCredentials,
            [Parameters.ClientId] = ClientId,
            [Parameters.ClientSecret] = clientSecret,
        };
        using var http = new HttpClient();
        return await http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(form.Where(p => p.Value.Length > 0)));
    }

    /// <summary>The server's OIDC discovery document.</summary>
    public async Task<JsonElement> DiscoveryAsync()
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(Issuer), ".well-known/openid-configuration"));
    }

    /// <summary>
    /// A JWT signed with this server's own key, issuer and token type, with whatever times the test asks for —
    /// what a clock-skewed or replaying server would send. Used where OpenIddict itself cannot issue the token.
    /// </summary>
    public string Sign(IDictionary<string, object> claims, DateTime issuedAt, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            TokenType = JsonWebTokenTypes.AccessToken,
            SigningCredentials = SigningCredentials,
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Degraded mode has no application store: the one known client is checked here.</summary>
    private static ValueTask ValidateClient(ValidateTokenRequestContext context)
    {
        if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal)
            || !string.Equals(context.Request.ClientSecret, ClientSecret, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, "The client credentials are not valid.");
        }

        return default;
    }

    private static ValueTask IssueToken(HandleTokenRequestContext context)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, context.ClientId);
        if (context.Request[AgentParameter]?.ToString() is { Length: > 0 } agent)
        {
            identity.SetClaim(AgentParameter, agent);
        }

        var audiences = context.Request.GetResources().Concat(context.Request.GetAudiences()).Distinct(StringComparer.Ordinal).ToList();
        identity.SetResources(audiences);
        identity.SetAudiences(audiences);
        if (context.Request[LifetimeParameter]?.ToString() is { Length: > 0 } seconds)
        {
            identity.SetAccessTokenLifetime(TimeSpan.FromSeconds(long.Parse(seconds, CultureInfo.InvariantCulture)));
        }

        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
        return default;
    }
}
