using System.Text;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Execution;
using Coworker.Secrets;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

/// <summary>The silo-side resolver turns a tool's auth requirement into the tenant's secret, decrypted in the silo.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SecretCredentialResolverTests(GatewayFixture gateway)
{
    private static readonly Uri Target = SecretScenario.ApprovedTarget;

    private ICredentialResolver Resolver => SiloServices.Get<ICredentialResolver>(gateway.Cluster);

    [Theory]
    [InlineData(ParameterLocation.Header)]
    [InlineData(ParameterLocation.Query)]
    [InlineData(ParameterLocation.Cookie)]
    public async Task AnApiKeyGoesWhereTheRequirementSays(ParameterLocation location)
    {
        var tenant = await TenantWithSecretAsync("weather", SetSecret.ApiKey("wx-1234567890", SecretScenario.ApprovedHosts));

        var credential = await Resolver.ResolveAsync(tenant, ApiKey("weather", "appid", location), Target);

        var placed = location switch
        {
            ParameterLocation.Header => credential!.Headers,
            ParameterLocation.Query => credential!.Query,
            _ => credential!.Cookies,
        };
        Assert.Equal([new KeyValuePair<string, string>("appid", "wx-1234567890")], placed);
        Assert.Equal(1, credential.Headers.Count + credential.Query.Count + credential.Cookies.Count);
        Assert.DoesNotContain("wx-1234567890", credential.ToString());
    }

    [Fact]
    public async Task ABasicPairBecomesABasicAuthorizationHeader()
    {
        var tenant = await TenantWithSecretAsync("jira", SetSecret.Basic("svc@example.com", "pä$$:word", SecretScenario.ApprovedHosts));

        var credential = await Resolver.ResolveAsync(tenant, Requirement(AuthKind.Basic, "jira"), Target);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc@example.com:pä$$:word"));
        Assert.Equal([new KeyValuePair<string, string>("Authorization", expected)], credential!.Headers);
    }

    [Fact]
    public async Task ABearerTokenBecomesABearerAuthorizationHeaderAndTheSchemeNameMayBeCamelCased()
    {
        var tenant = await TenantWithSecretAsync("githubtoken", SetSecret.Bearer("ghp_static-token", SecretScenario.ApprovedHosts));

        var credential = await Resolver.ResolveAsync(tenant, Requirement(AuthKind.Bearer, "GitHubToken"), Target);

        Assert.Equal([new KeyValuePair<string, string>("Authorization", "Bearer ghp_static-token")], credential!.Headers);
    }

    [Fact]
    public async Task NoAuthNeedsNoCredential()
    {
        Assert.Null(await Resolver.ResolveAsync("any-tenant", AuthRequirement.None, Target));
    }

    [Fact]
    public async Task OAuthProvidersAreNotConnectableYet()
    {
        var error = await Assert.ThrowsAsync<CredentialUnavailableException>(() =>
            Resolver.ResolveAsync("any-tenant", new AuthRequirement(AuthKind.OAuth2, "google", ["email"], null, null, null), Target));

        Assert.Equal("OAuth provider 'google' is not connected for this tenant.", error.Message);
    }

    [Fact]
    public async Task AMissingOrMismatchedSecretIsUnavailableAndNamedWithoutItsValue()
    {
        var tenant = await TenantWithSecretAsync("stripe", SetSecret.ApiKey("sk_live_never-in-messages", SecretScenario.ApprovedHosts));

        var missing = await Assert.ThrowsAsync<CredentialUnavailableException>(() => Resolver.ResolveAsync(tenant, Requirement(AuthKind.Bearer, "slack"), Target));
        Assert.Equal("Secret 'slack' is not set for this tenant.", missing.Message);

        var mismatch = await Assert.ThrowsAsync<CredentialUnavailableException>(() => Resolver.ResolveAsync(tenant, Requirement(AuthKind.Basic, "stripe"), Target));
        Assert.Contains("'stripe'", mismatch.Message);
        Assert.DoesNotContain("sk_live", mismatch.Message);

        var noParameter = await Assert.ThrowsAsync<CredentialUnavailableException>(() => Resolver.ResolveAsync(tenant, ApiKey("stripe", null, null), Target));
        Assert.DoesNotContain("sk_live", noParameter.Message);
    }

    [Fact]
    public async Task AnotherTenantsSecretIsNeverResolved()
    {
        var owner = await TenantWithSecretAsync("shared-name", SetSecret.Bearer("owner-tenant-token", SecretScenario.ApprovedHosts));
        var other = await TenantWithSecretAsync("unrelated", SetSecret.Bearer("other", SecretScenario.ApprovedHosts));

        Assert.NotNull(await Resolver.ResolveAsync(owner, Requirement(AuthKind.Bearer, "shared-name"), Target));
        await Assert.ThrowsAsync<CredentialUnavailableException>(() => Resolver.ResolveAsync(other, Requirement(AuthKind.Bearer, "shared-name"), Target));
    }

    [Theory]
    [InlineData("https://evil.example/collect", "evil.example")]
    [InlineData("https://api.example.com:8443/v1", "api.example.com:8443")]
    [InlineData("http://api.example.com.evil.example/v1", "api.example.com.evil.example")]
    [InlineData("https://sub.api.example.com/v1", "sub.api.example.com")]
    public async Task ASecretIsNotReleasedForAHostItsOwnerDidNotApprove(string target, string host)
    {
        var tenant = await TenantWithSecretAsync("stripe", SetSecret.ApiKey("sk_live_only-for-api-example-com", SecretScenario.ApprovedHosts));

        var refused = await Assert.ThrowsAsync<CredentialNotApprovedException>(() =>
            Resolver.ResolveAsync(tenant, ApiKey("stripe", "X-Api-Key", ParameterLocation.Header), new Uri(target)));

        Assert.StartsWith($"Secret 'stripe' is not approved for host '{host}'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretSetWithoutApprovedHostsIsReleasedNowhere()
    {
        var tenant = await TenantWithSecretAsync("unapproved", SetSecret.Bearer("no-host-approved-yet"));

        await Assert.ThrowsAsync<CredentialNotApprovedException>(() => Resolver.ResolveAsync(tenant, Requirement(AuthKind.Bearer, "unapproved"), Target));
    }

    [Fact]
    public async Task ExternalClientsCannotFetchCiphertextsOrTriggerReencryptionButSiloCodeCan()
    {
        var tenant = await TenantWithSecretAsync("internal", SetSecret.Bearer("silo-only-token"));
        var key = GrainKeys.Compose(tenant, "internal");

        // The test's cluster client is an external client, as the Gateway and Studio are.
        var fromClient = gateway.Cluster.Grains.GetGrain<ISecretGrain>(key);
        var denied = await Assert.ThrowsAsync<CoworkerException>(() => fromClient.GetSealedAsync());
        Assert.Equal(ErrorKind.Forbidden, denied.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<CoworkerException>(() => fromClient.ReencryptAsync())).Kind);

        // Code in a silo gets the ciphertext, which does not contain the value.
        var sealedSecret = await SiloServices.Get<IGrainFactory>(gateway.Cluster).GetGrain<ISecretGrain>(key).GetSealedAsync();
        Assert.NotNull(sealedSecret);
        Assert.Equal(SecretKind.Bearer, sealedSecret.Kind);
        Assert.False(sealedSecret.Envelope.AsSpan().IndexOf("silo-only-token"u8) >= 0);
    }

    private async Task<string> TenantWithSecretAsync(string name, SetSecret secret)
    {
        var tenant = HttpAssertions.UniqueSlug("res");
        await gateway.Cluster.Grains.GetGrain<Coworker.Tenants.ITenantGrain>(tenant)
            .CreateAsync(new Coworker.Tenants.CreateTenant("Resolver " + tenant, "owner@example.com", null));
        await gateway.Cluster.Grains.GetGrain<ISecretGrain>(GrainKeys.Compose(tenant, name)).SetAsync(secret);
        return tenant;
    }

    private static AuthRequirement Requirement(AuthKind kind, string secret) => new(kind, null, [], secret, null, null);

    private static AuthRequirement ApiKey(string secret, string? parameter, ParameterLocation? location) =>
        new(AuthKind.ApiKey, null, [], secret, parameter, location);
}
