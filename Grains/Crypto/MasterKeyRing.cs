using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Coworker.Crypto;

/// <summary>
/// The master keys of this deployment, by version, and the version that wraps new data keys. They come
/// from configuration only (<see cref="KeysSection"/> and <see cref="ActiveVersionKey"/>, or
/// <see cref="EnvironmentKey"/> as version 1), are checked when the silo starts, and are never logged:
/// <see cref="ToString"/> shows versions only. Older versions stay configured until a rotation has
/// re-wrapped every data key under the active one.
/// </summary>
public sealed class MasterKeyRing
{
    /// <summary>Base64 of 32 random bytes, used as master key version 1.</summary>
    public const string EnvironmentKey = "COWORKER_MASTER_KEY";

    /// <summary>Section of "{version}": "{base64 of 32 bytes}" entries.</summary>
    public const string KeysSection = "Coworker:MasterKeys";

    /// <summary>The version that wraps new and rotated data keys; the highest configured one when unset.</summary>
    public const string ActiveVersionKey = "Coworker:ActiveMasterKeyVersion";

    private const int MaxVersion = 1_000_000;

    private readonly Dictionary<int, byte[]> _keys;

    public MasterKeyRing(IReadOnlyDictionary<int, byte[]> keys, int activeVersion)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("A master key ring needs at least one key.", nameof(keys));
        }

        foreach (var (version, key) in keys)
        {
            if (version is < 1 or > MaxVersion)
            {
                throw new ArgumentException($"Master key versions are 1-{MaxVersion}; got {version}.", nameof(keys));
            }

            if (key.Length != EnvelopeCipher.KeySize)
            {
                throw new ArgumentException($"Master key version {version} is {key.Length} bytes; AES-256 needs {EnvelopeCipher.KeySize}.", nameof(keys));
            }
        }

        if (!keys.ContainsKey(activeVersion))
        {
            throw new ArgumentException($"The active master key version {activeVersion} is not among the configured versions.", nameof(activeVersion));
        }

        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray());
        ActiveVersion = activeVersion;
    }

    public int ActiveVersion { get; }

    public IReadOnlyList<int> Versions => _keys.Keys.Order().ToList();

    public bool Has(int version) => _keys.ContainsKey(version);

    /// <summary>Wraps a data key under the active master key version.</summary>
    public WrappedKey Wrap(string tenant, int dataKeyVersion, ReadOnlySpan<byte> dataKey)
    {
        var envelope = EnvelopeCipher.Seal(
            _keys[ActiveVersion], new EnvelopeHeader(ActiveVersion, dataKeyVersion), dataKey, CipherContext.DataKey(tenant, dataKeyVersion));
        return new WrappedKey(ActiveVersion, envelope);
    }

    /// <summary>Unwraps a data key with the master key version its envelope names.</summary>
    public byte[] Unwrap(string tenant, int dataKeyVersion, ReadOnlySpan<byte> envelope)
    {
        var header = EnvelopeCipher.ReadHeader(envelope);
        if (header.DataKeyVersion != dataKeyVersion)
        {
            throw new EnvelopeException($"The wrapped key is version {header.DataKeyVersion}, not {dataKeyVersion}.");
        }

        if (!_keys.TryGetValue(header.MasterKeyVersion, out var master))
        {
            throw new MissingMasterKeyException(header.MasterKeyVersion);
        }

        var key = EnvelopeCipher.Open(master, envelope, CipherContext.DataKey(tenant, dataKeyVersion));
        if (key.Length != EnvelopeCipher.KeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new EnvelopeException("The unwrapped data key has the wrong length.");
        }

        return key;
    }

    /// <summary>
    /// A 32-byte key for <paramref name="purpose"/> derived from master key <paramref name="version"/> with HKDF-SHA256,
    /// so that whatever else needs a secret every silo shares (audit message signing) never uses a master key itself.
    /// </summary>
    public byte[] DeriveKey(int version, string purpose) =>
        _keys.TryGetValue(version, out var master)
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, master, EnvelopeCipher.KeySize, salt: [], info: System.Text.Encoding.UTF8.GetBytes(purpose))
            : throw new MissingMasterKeyException(version);

    public override string ToString() => $"master keys (versions {string.Join(", ", Versions)}; active {ActiveVersion})";

    /// <summary>Reads and checks the configured master keys; every error names the setting, never a key.</summary>
    public static MasterKeyRing FromConfiguration(IConfiguration configuration)
    {
        var keys = new Dictionary<int, byte[]>();
        foreach (var entry in configuration.GetSection(KeysSection).GetChildren())
        {
            if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version is < 1 or > MaxVersion)
            {
                throw new InvalidOperationException($"{KeysSection}:{entry.Key}: master key versions are whole numbers from 1 to {MaxVersion}.");
            }

            keys[version] = Decode(entry.Value, $"{KeysSection}:{entry.Key}");
        }

        if (configuration[EnvironmentKey] is { Length: > 0 } single)
        {
            var key = Decode(single, EnvironmentKey);
            if (keys.TryGetValue(1, out var configured) && !CryptographicOperations.FixedTimeEquals(configured, key))
            {
                throw new InvalidOperationException($"{EnvironmentKey} and {KeysSection}:1 are both set and differ; both name master key version 1.");
            }

            keys[1] = key;
        }

        if (keys.Count == 0)
        {
            throw new InvalidOperationException(
                $"No master key is configured: set {EnvironmentKey} to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), " +
                $"or {KeysSection}:{{version}} entries with {ActiveVersionKey}. Service secrets and OAuth credentials are encrypted under it.");
        }

        var active = keys.Keys.Max();
        if (configuration[ActiveVersionKey] is { Length: > 0 } activeText)
        {
            if (!int.TryParse(activeText, NumberStyles.None, CultureInfo.InvariantCulture, out active) || !keys.ContainsKey(active))
            {
                throw new InvalidOperationException(
                    $"{ActiveVersionKey} is '{activeText}', but the configured master key versions are {string.Join(", ", keys.Keys.Order())}.");
            }
        }

        return new MasterKeyRing(keys, active);
    }

    private static byte[] Decode(string? value, string setting)
    {
        var buffer = new byte[64];
        if (value is null || !Convert.TryFromBase64String(value.Trim(), buffer, out var length))
        {
            throw new InvalidOperationException($"{setting} is not base64 of {EnvelopeCipher.KeySize} bytes (create one with `openssl rand -base64 32`).");
        }

        if (length != EnvelopeCipher.KeySize)
        {
            throw new InvalidOperationException($"{setting} decodes to {length} bytes; a master key is {EnvelopeCipher.KeySize} random bytes (`openssl rand -base64 32`).");
        }

        var key = buffer[..length];
        CryptographicOperations.ZeroMemory(buffer);
        if (key.All(b => b == key[0]))
        {
            throw new InvalidOperationException($"{setting} is not random (all its bytes are equal); create one with `openssl rand -base64 32`.");
        }

        return key;
    }
}
