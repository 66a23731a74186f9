namespace Coworker.Secrets;

/// <summary>The versions of a tenant's data keys and the master key version wrapping each; no key material.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.KeyringInfo")]
public sealed record KeyringInfo(
    [property: Id(0)] string Tenant,
    [property: Id(1)] int ActiveDataKeyVersion,
    [property: Id(2)] IReadOnlyList<DataKeyInfo> DataKeys,
    [property: Id(3)] DateTimeOffset? RotatedAt);

[GenerateSerializer, Immutable, Alias("Coworker.DataKeyInfo")]
public sealed record DataKeyInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] int MasterKeyVersion,
    [property: Id(2)] DateTimeOffset CreatedAt);
