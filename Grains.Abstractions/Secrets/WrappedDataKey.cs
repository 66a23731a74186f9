namespace Coworker.Secrets;

/// <summary>
/// One version of a tenant's data key, wrapped (AES-256-GCM) by the master key version
/// <see cref="MasterKeyVersion"/>. Safe to store and pass around: only the master key opens it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.WrappedDataKey")]
public sealed record WrappedDataKey(
    [property: Id(0)] int Version,
    [property: Id(1)] int MasterKeyVersion,
    [property: Id(2)] byte[] Envelope,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    public override string ToString() => $"WrappedDataKey {{ Version = {Version}, MasterKeyVersion = {MasterKeyVersion} }}";
}
