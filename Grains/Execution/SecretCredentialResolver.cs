using System.Text;
using Coworker.Audit;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Secrets;

namespace Coworker.Execution;

/// <summary>
/// Resolves API-key, basic and bearer requirements from the tenant's service secrets, decrypted in this
/// silo, and only for a request whose target host (and port) an Owner approved for the secret: whoever can
/// import a description chooses the servers its tools call, so the tool may not decide where a secret goes.
/// A refusal is audited as a denied secret use. Messages name the secret, host or provider, never a value.
/// OAuth2 providers are not connectable yet.
/// </summary>
public sealed class SecretCredentialResolver(SecretReader secrets, IAuditLog audit, TimeProvider time) : ICredentialResolver
{
    public async Task<ResolvedCredential?> ResolveAsync(string tenant, AuthRequirement auth, Uri target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(target);
        switch (auth.Kind)
        {
            case AuthKind.None:
                return null;
            case AuthKind.OAuth2:
                throw new CredentialUnavailableException($"OAuth provider '{auth.Provider}' is not connected for this tenant.");
            case AuthKind.ApiKey or AuthKind.Basic or AuthKind.Bearer:
                break;
            default:
                throw new CredentialUnavailableException($"The tool needs an unsupported kind of credential ({auth.Kind}).");
        }

        Slug.Require(tenant, "tenant");
        // Security scheme names are often camel-cased ("ApiKeyAuth"); secret names are lowercase.
        var name = auth.SecretRef?.Trim().ToLowerInvariant();
        if (!SecretName.IsValid(name))
        {
            throw new CredentialUnavailableException(
                $"The tool's {auth.Kind} requirement names no usable secret ('{auth.SecretRef}'); secret names are lowercase letters, digits, '_' and '-'.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Audit rows are per tenant, so the Gateway's "agent:{tenant}/{agent}" stamp is recorded as "agent:{agent}".
        var actor = CallerContext.CurrentActor.Replace($"agent:{tenant}/", "agent:", StringComparison.Ordinal);
        RevealedSecret? secret;
        try
        {
            secret = await secrets.RevealAsync(tenant, name!, target);
        }
        catch (SecretNotApprovedException refused)
        {
            await audit.RecordAsync(new AuditEvent(Guid.CreateVersion7(), tenant, time.GetUtcNow(), AuditKinds.SecretUse, actor,
                $"secret/{name}", "denied", new Dictionary<string, string> { ["credential"] = auth.Kind.ToString(), ["host"] = refused.Host, ["reason"] = "HostNotApproved" }),
                cancellationToken);
            throw new CredentialNotApprovedException(refused.Message);
        }

        if (secret is null)
        {
            throw new CredentialUnavailableException($"Secret '{name}' is not set for this tenant.");
        }

        var credential = new ResolvedCredential();
        switch (auth.Kind)
        {
            case AuthKind.ApiKey:
                AddApiKey(credential, auth, name!, RequireValue(secret, name!, "an API key"));
                break;
            case AuthKind.Bearer:
                credential.Headers.Add(new("Authorization", "Bearer " + RequireValue(secret, name!, "a bearer token")));
                break;
            default:
                if (secret.Kind != SecretKind.Basic)
                {
                    throw new CredentialUnavailableException($"Secret '{name}' is a {secret.Kind} secret, but the tool needs a Basic (username and password) secret.");
                }

                var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{secret.Username}:{secret.Password}"));
                credential.Headers.Add(new("Authorization", "Basic " + pair));
                break;
        }

        // Which secret was used, by whom, for what kind of credential and which host: never the value.
        await audit.RecordAsync(new AuditEvent(Guid.CreateVersion7(), tenant, time.GetUtcNow(), AuditKinds.SecretUse, actor,
            $"secret/{name}", "ok", new Dictionary<string, string> { ["credential"] = auth.Kind.ToString(), ["host"] = ApprovedHosts.Describe(target) }),
            cancellationToken);
        return credential;
    }

    private static string RequireValue(RevealedSecret secret, string name, string what) =>
        secret.Kind != SecretKind.Basic && secret.Value is { Length: > 0 } value
            ? value
            : throw new CredentialUnavailableException($"Secret '{name}' is a {secret.Kind} secret, but the tool needs {what}.");

    private static void AddApiKey(ResolvedCredential credential, AuthRequirement auth, string name, string value)
    {
        if (string.IsNullOrWhiteSpace(auth.ParameterName))
        {
            throw new CredentialUnavailableException($"The tool's API-key requirement for secret '{name}' names no header, query or cookie parameter.");
        }

        var target = (auth.ParameterIn ?? ParameterLocation.Header) switch
        {
            ParameterLocation.Header => credential.Headers,
            ParameterLocation.Query => credential.Query,
            ParameterLocation.Cookie => credential.Cookies,
            var other => throw new CredentialUnavailableException($"An API key goes in a header, query parameter or cookie, not in {other}."),
        };
        target.Add(new(auth.ParameterName, value));
    }
}
