namespace Coworker.Secrets;

/// <summary>
/// A tenant's data keys (key "{tenant}"), each version stored wrapped by a master key version. Hands out
/// wrapped keys only; silos unwrap them with their master keys. Old versions are kept, so ciphertexts made
/// under them stay readable after a rotation.
/// </summary>
[Alias("Coworker.ITenantKeyringGrain")]
public interface ITenantKeyringGrain : IGrainWithStringKey
{
    /// <summary>The data key new ciphertexts use; the first call creates version 1.</summary>
    Task<WrappedDataKey> GetOrCreateActiveDataKeyAsync();

    /// <summary>A data key version, or null when the tenant has no such version.</summary>
    [ReadOnly]
    Task<WrappedDataKey?> GetDataKeyAsync(int version);

    [ReadOnly]
    Task<KeyringInfo> GetInfoAsync();

    /// <summary>
    /// Re-wraps every data key not yet under the active master key version and, when
    /// <paramref name="newDataKey"/> is set, adds a new data key version that becomes the active one.
    /// A tenant without a keyring is left without one.
    /// </summary>
    Task<TenantKeyRotation> RotateAsync(bool newDataKey);
}
