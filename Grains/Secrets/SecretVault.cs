using System.Collections.Concurrent;
using Coworker.Crypto;

namespace Coworker.Secrets;

/// <summary>
/// Envelope encryption for any tenant credential record (service secrets now, OAuth client secrets and
/// tokens next): data keys come wrapped from the tenant's keyring grain and are unwrapped here, in the silo,
/// with the master key, so no plain key ever crosses the network. Unwrapped data keys are cached per silo
/// by version; a data key version's material never changes (a rotation re-wraps it or adds a version).
/// </summary>
public sealed class SecretVault(IGrainFactory grains, MasterKeyRing masterKeys)
{
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<(string Tenant, int Version), CachedKey> _dataKeys = new();

    /// <summary>Encrypts under the tenant's active data key (creating the tenant's first one if needed).</summary>
    public async Task<byte[]> SealAsync(string tenant, byte[] context, ReadOnlyMemory<byte> plaintext)
    {
        var active = await Keyring(tenant).GetOrCreateActiveDataKeyAsync();
        var key = Unwrapped(tenant, active);
        return EnvelopeCipher.Seal(key, new EnvelopeHeader(active.MasterKeyVersion, active.Version), plaintext.Span, context);
    }

    /// <summary>Decrypts with the data key version the envelope names; the caller zeroes the result when done.</summary>
    public async Task<byte[]> OpenAsync(string tenant, byte[] context, byte[] envelope)
    {
        var version = EnvelopeCipher.ReadHeader(envelope).DataKeyVersion;
        if (_dataKeys.TryGetValue((tenant, version), out var cached))
        {
            try
            {
                return EnvelopeCipher.Open(cached.Key, envelope, context);
            }
            catch (EnvelopeException)
            {
                // The tenant may have been deleted and created again with new keys: retry with the keyring's.
                _dataKeys.TryRemove((tenant, version), out _);
            }
        }

        var wrapped = await Keyring(tenant).GetDataKeyAsync(version)
            ?? throw new EnvelopeException($"Data key version {version} of tenant '{tenant}' does not exist.");
        return EnvelopeCipher.Open(Unwrapped(tenant, wrapped), envelope, context);
    }

    /// <summary>The version new envelopes of the tenant are sealed under.</summary>
    public async Task<int> ActiveDataKeyVersionAsync(string tenant) =>
        (await Keyring(tenant).GetOrCreateActiveDataKeyAsync()).Version;

    private byte[] Unwrapped(string tenant, WrappedDataKey wrapped)
    {
        if (_dataKeys.TryGetValue((tenant, wrapped.Version), out var cached) && cached.Envelope.AsSpan().SequenceEqual(wrapped.Envelope))
        {
            return cached.Key;
        }

        var key = masterKeys.Unwrap(tenant, wrapped.Version, wrapped.Envelope);
        if (_dataKeys.Count >= MaxCachedKeys)
        {
            // Not zeroed: another call may be using a key right now. They are unwrapped again on demand.
            _dataKeys.Clear();
        }

        _dataKeys[(tenant, wrapped.Version)] = new CachedKey(wrapped.Envelope, key);
        return key;
    }

    private ITenantKeyringGrain Keyring(string tenant) => grains.GetGrain<ITenantKeyringGrain>(tenant);

    private sealed record CachedKey(byte[] Envelope, byte[] Key)
    {
        public override string ToString() => "cached data key";
    }
}
