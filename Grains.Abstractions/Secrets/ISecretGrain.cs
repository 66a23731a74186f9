namespace Coworker.Secrets;

/// <summary>
/// One service secret of a tenant, key "{tenant}/{name}": an API key, a static bearer token or a basic-auth
/// pair that tools' auth requirements name. Write-only: values go in through <see cref="SetAsync"/> and
/// come out only as ciphertext, to silo-side code that can decrypt it (the credential resolver).
/// </summary>
[Alias("Coworker.ISecretGrain")]
public interface ISecretGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the secret, encrypted under the tenant's active data key; returns it masked.</summary>
    Task<SecretInfo> SetAsync(SetSecret secret);

    /// <summary>The secret, masked; NotFound when it is not set.</summary>
    [ReadOnly]
    Task<SecretInfo> GetInfoAsync();

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
