using System.Security.Cryptography;

namespace Coworker.Storage.Audit;

/// <summary>
/// The per-tenant hash chain: row n stores <c>prev_hash</c> = hash of row n-1 (32 zero bytes for row 1) and
/// <c>hash</c> = SHA-256(prev_hash || canonical JSON of its content). Changing, removing or reordering a row
/// breaks the chain at that row; only rewriting every later row (and the chain head) could hide it.
/// </summary>
public static class AuditChain
{
    public const int HashLength = 32;

    /// <summary>The prev_hash of a tenant's first row.</summary>
    public static byte[] Genesis() => new byte[HashLength];

    public static byte[] ComputeHash(ReadOnlySpan<byte> prevHash, AuditRowContent row)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(prevHash);
        sha.AppendData(AuditCanonicalJson.Serialize(row));
        return sha.GetHashAndReset();
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);
}
