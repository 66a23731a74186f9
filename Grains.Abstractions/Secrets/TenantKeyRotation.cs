namespace Coworker.Secrets;

/// <summary>
/// What one tenant's key rotation did: data keys re-wrapped under the active master key version, whether a
/// new data key version was created, and how many secrets were re-encrypted to the active data key.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.TenantKeyRotation")]
public sealed record TenantKeyRotation(
    [property: Id(0)] string Tenant,
    [property: Id(1)] int MasterKeyVersion,
    [property: Id(2)] int ActiveDataKeyVersion,
    [property: Id(3)] int DataKeysRewrapped,
    [property: Id(4)] bool NewDataKeyCreated,
    [property: Id(5)] int SecretsReencrypted)
{
    /// <summary>The tenant has no keyring yet (it never stored a secret): there was nothing to rotate.</summary>
    public bool NothingToRotate => ActiveDataKeyVersion == 0;
}
