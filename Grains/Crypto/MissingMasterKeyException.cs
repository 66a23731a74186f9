namespace Coworker.Crypto;

/// <summary>A data key is wrapped by a master key version this silo was not given.</summary>
public sealed class MissingMasterKeyException(int version) : InvalidOperationException(
    $"A data key is wrapped by master key version {version}, which is not configured on this silo. " +
    $"Keep every version in {MasterKeyRing.KeysSection} until a key rotation has re-wrapped all data keys under the active one.")
{
    public int Version { get; } = version;
}
