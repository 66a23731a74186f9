namespace Coworker.Secrets;

/// <summary>
/// Runs a tenant's key rotation end to end (key "{tenant}"): the keyring's re-wrap and new data key, then
/// the re-encryption of each of the tenant's secrets to the active data key. Reads keep working throughout.
/// </summary>
[Alias("Coworker.IKeyRotationGrain")]
public interface IKeyRotationGrain : IGrainWithStringKey
{
    Task<TenantKeyRotation> RotateAsync(bool newDataKey);
}
