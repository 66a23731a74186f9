namespace Coworker.Secrets;

/// <summary>
/// A secret as stored: its kind and its AES-256-GCM envelope. Opening it needs the tenant's data key, which
/// only a silo holding the master key can unwrap; the plain value never travels in this type. The approved
/// hosts travel with it so the reader can refuse a release before anything is decrypted.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.SealedSecret")]
public sealed record SealedSecret(
    [property: Id(0)] SecretKind Kind,
    [property: Id(1)] byte[] Envelope,
    [property: Id(2)] IReadOnlyList<string> AllowedHosts)
{
    public override string ToString() => $"SealedSecret {{ Kind = {Kind}, {Envelope.Length} bytes, {AllowedHosts.Count} approved host(s) }}";
}
