namespace Coworker.Tests.Infrastructure;

/// <summary>
/// The Gateway of <see cref="GatewayFixture"/> set up to accept OAuth access tokens at /mcp: a real authorization
/// server (<see cref="OAuthTestServer"/>) starts first so its issuer is known, then the Gateway with
/// Coworker:Mcp:AuthorizationServers = [that issuer] and Coworker:Mcp:CanonicalUrl = its own /mcp URL. The Gateway's
/// port is chosen before it starts (a port free on the loopback, bound and released) so the canonical URL can name it.
/// A second, unrelated authorization server is there to mint tokens from an issuer the Gateway does not trust.
/// </summary>
public sealed class OAuthGatewayFixture : GatewayFixture
{
    /// <summary>A browser origin the operator allowed besides the canonical one (Coworker:Mcp:AllowedOrigins).</summary>
    public const string AllowedOrigin = "https://studio.example";

    public OAuthTestServer AuthorizationServer { get; private set; } = null!;

    public OAuthTestServer UntrustedServer { get; private set; } = null!;

    /// <summary>The audience tokens for this Gateway must carry: "http://127.0.0.1:{port}/mcp".</summary>
    public string CanonicalUrl { get; private set; } = "";

    protected override async Task<int> BeforeGatewayStartsAsync(IDictionary<string, string?> settings)
    {
        AuthorizationServer = await OAuthTestServer.StartAsync();
        UntrustedServer = await OAuthTestServer.StartAsync();
        var port = FreeLoopbackPort();
        CanonicalUrl = $"http://127.0.0.1:{port}/mcp";
        settings["Coworker:Mcp:AuthorizationServers:0"] = AuthorizationServer.Issuer;
        settings["Coworker:Mcp:CanonicalUrl"] = CanonicalUrl;
        settings["Coworker:Mcp:AllowedOrigins:0"] = AllowedOrigin;
        return port;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (AuthorizationServer is not null)
        {
            await AuthorizationServer.DisposeAsync();
        }

        if (UntrustedServer is not null)
        {
            await UntrustedServer.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OAuthGatewayCollection : ICollectionFixture<OAuthGatewayFixture>
{
    public const string Name = "gateway-oauth";
}
