namespace Coworker.Secrets;

/// <summary>
/// One service secret of a tenant, key "{tenant}/{name}": an API key, a static bearer token or a basic-auth
/// pair that tools' auth requirements name. Write-only: values go in through <see cref="SetAsync"/> and
/// come out only as ciphertext, to silo-side code that can decrypt it (the credential resolver), which
/// releases it only to the upstream hosts an Owner approved. Every change is for the tenant's Owners (or a
/// platform admin): the grain checks the caller stamped in RequestContext against the tenant's users.
/// </summary>
[Alias("Coworker.ISecretGrain")]
public interface ISecretGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the secret, encrypted under the tenant's active data key; returns it masked.</summary>
    Task<SecretInfo> SetAsync(SetSecret secret);

    /// <summary>The secret, masked; NotFound when it is not set.</summary>
    [ReadOnly]
    Task<SecretInfo> GetInfoAsync();

    /// <summary>Replaces the upstream hosts the secret may be sent to (Owner); NotFound when it is not set.</summary>
    Task<SecretInfo> SetAllowedHostsAsync(IReadOnlyList<string> allowedHosts);

    /// <summary>Removes the secret; NotFound when it is not set.</summary>
    Task DeleteAsync();

    /// <summary>
    /// The stored ciphertext, or null when the secret is not set. Silo-internal: refused to external
    /// clients, and useless to them anyway, since only silos hold the master key.
    /// </summary>
    [ReadOnly, SiloInternal]
    Task<SealedSecret?> GetSealedAsync();

    /// <summary>Re-encrypts the secret under the tenant's active data key if it is under an older one; true when it did.</summary>
    [SiloInternal]
    Task<bool> ReencryptAsync();
}
