using Coworker.Catalog;

namespace Coworker.Execution;

/// <summary>Fallback when no credential store is registered: only unauthenticated tools can run.</summary>
internal sealed class NoCredentialResolver : ICredentialResolver
{
    public Task<ResolvedCredential?> ResolveAsync(string tenant, AuthRequirement auth, Uri target, CancellationToken cancellationToken = default) =>
        auth.Kind == AuthKind.None
            ? Task.FromResult<ResolvedCredential?>(null)
            : throw new CredentialUnavailableException($"No credential store is configured for {auth.Kind} authentication.");
}
