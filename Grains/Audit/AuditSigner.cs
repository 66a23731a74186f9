using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coworker.Crypto;
using NATS.Client.Core;

namespace Coworker.Audit;

/// <summary>
/// Signs the audit messages a silo publishes and checks them where a writer reads them, so that only a silo can get
/// an event into the audit log: anyone else who may publish on an audit subject (a leaked NATS password, a test's
/// admin user) is refused by the writer. The signature is HMAC-SHA256 over the subject and the payload, in the
/// <see cref="Header"/> header as "{master key version}:{base64}"; its key is derived with HKDF from that master key
/// version, which every silo of a deployment already holds (docs/audit.md, "Signed messages").
/// </summary>
public sealed class AuditSigner
{
    /// <summary>The NATS header carrying the signature.</summary>
    public const string Header = "Coworker-Audit-Signature";

    private const string Purpose = "coworker/audit-message-signature/v1";

    private readonly Dictionary<int, byte[]> _keys;
    private readonly int _activeVersion;

    public AuditSigner(MasterKeyRing masterKeys)
    {
        _keys = masterKeys.Versions.ToDictionary(v => v, v => masterKeys.DeriveKey(v, Purpose));
        _activeVersion = masterKeys.ActiveVersion;
    }

    /// <summary>The headers to publish <paramref name="payload"/> on <paramref name="subject"/> with.</summary>
    public NatsHeaders HeadersFor(string subject, ReadOnlySpan<byte> payload) =>
        new() { [Header] = $"{_activeVersion.ToString(CultureInfo.InvariantCulture)}:{Convert.ToBase64String(Mac(_keys[_activeVersion], subject, payload))}" };

    /// <summary>Null when a silo of this deployment signed the message; otherwise why it is refused (never a key).</summary>
    public string? Problem(string subject, ReadOnlySpan<byte> payload, NatsHeaders? headers)
    {
        if (headers is null || !headers.TryGetValue(Header, out var values) || values.Count != 1 || values[0] is not { Length: > 0 } value)
        {
            return "no signature";
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1
            || !int.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !TryBase64(value[(colon + 1)..], out var signature))
        {
            return "a malformed signature";
        }

        if (!_keys.TryGetValue(version, out var key))
        {
            return $"a signature under master key version {version}, which this silo does not have";
        }

        return CryptographicOperations.FixedTimeEquals(Mac(key, subject, payload), signature) ? null : "a wrong signature";
    }

    // The subject is signed too (NUL-separated: subjects never hold one), so a signed payload cannot be replayed
    // under another tenant's subject.
    private static byte[] Mac(byte[] key, string subject, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(subject));
        hmac.AppendData([0]);
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
