using Coworker.Secrets;

namespace Coworker.Crypto;

[GenerateSerializer, Alias("Coworker.TenantKeyringState")]
public sealed class TenantKeyringState
{
    /// <summary>Every data key version ever created, wrapped; none is dropped, so old ciphertexts stay readable.</summary>
    [Id(0)] public List<WrappedDataKey> DataKeys { get; set; } = [];
    [Id(1)] public int ActiveVersion { get; set; }
    [Id(2)] public DateTimeOffset? RotatedAt { get; set; }
}
