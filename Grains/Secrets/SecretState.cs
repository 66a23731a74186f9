namespace Coworker.Secrets;

/// <summary>What grain storage holds for a secret: kind, mask, ciphertext and approved hosts; never the value.</summary>
[GenerateSerializer, Alias("Coworker.SecretState")]
public sealed class SecretState
{
    [Id(0)] public SecretKind Kind { get; set; }
    /// <summary>The AES-256-GCM envelope (<see cref="Crypto.EnvelopeCipher"/>) of the value, bound to tenant and name.</summary>
    [Id(1)] public byte[] Envelope { get; set; } = [];
    [Id(2)] public string Masked { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// Upstream hosts an Owner approved (<see cref="ApprovedHosts"/>). Secrets stored before the field existed have
    /// none in storage and read as this empty list: released nowhere until an Owner approves a host.
    /// </summary>
    [Id(5)] public List<string> AllowedHosts { get; set; } = [];
}
