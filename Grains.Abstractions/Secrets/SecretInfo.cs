namespace Coworker.Secrets;

/// <summary>
/// What may be shown about a secret: never its value. <see cref="Masked"/> is "••••" plus, for values of
/// 20 characters or more, their last four characters. The key versions are those the ciphertext records.
/// <see cref="AllowedHosts"/> are the upstream hosts an Owner approved it for (not secret; empty: released nowhere).
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.SecretInfo")]
public sealed record SecretInfo(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Name,
    [property: Id(2)] SecretKind Kind,
    [property: Id(3)] string Masked,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] int DataKeyVersion,
    [property: Id(7)] int MasterKeyVersion,
    [property: Id(8)] IReadOnlyList<string> AllowedHosts);
