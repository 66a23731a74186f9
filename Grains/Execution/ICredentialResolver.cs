using Coworker.Catalog;

namespace Coworker.Execution;

/// <summary>
/// Turns a tool's auth requirement into the tenant's credential for the upstream: a service secret
/// (API key, basic, bearer) or an OAuth access token. Throws <see cref="CredentialUnavailableException"/>
/// when the tenant has not configured it, and <see cref="CredentialNotApprovedException"/> when
/// <c>target</c>, the URL the request is about to be sent to, is on a host the credential is not approved for.
/// The caller's own token is never an input here.
/// </summary>
public interface ICredentialResolver
{
    Task<ResolvedCredential?> ResolveAsync(string tenant, AuthRequirement auth, Uri target, CancellationToken cancellationToken = default);
}

/// <summary>The tenant has not configured the secret or connected the provider a tool needs.</summary>
public sealed class CredentialUnavailableException(string message) : Exception(message);
