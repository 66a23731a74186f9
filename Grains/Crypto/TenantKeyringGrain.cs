using System.Security.Cryptography;
using Coworker.Common;
using Coworker.Secrets;

namespace Coworker.Crypto;

/// <summary>
/// A tenant's data keys, persisted only in wrapped form. The grain is not reentrant, so a rotation is one
/// turn: reads ([ReadOnly]) wait for it rather than seeing half a rotation, and rotated state is written
/// before any caller learns the new active version.
/// </summary>
public sealed class TenantKeyringGrain(
    [PersistentState("keyring", "coworker")] IPersistentState<TenantKeyringState> state,
    MasterKeyRing masterKeys,
    TimeProvider time) : Grain, ITenantKeyringGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task<WrappedDataKey> GetOrCreateActiveDataKeyAsync()
    {
        if (state.State.ActiveVersion == 0)
        {
            Slug.Require(Tenant, "tenant");
            AddDataKey(1);
            await CommitAsync();
        }

        return Active();
    }

    public Task<WrappedDataKey?> GetDataKeyAsync(int version) =>
        Task.FromResult(state.State.DataKeys.FirstOrDefault(k => k.Version == version));

    public Task<KeyringInfo> GetInfoAsync() => Task.FromResult(new KeyringInfo(
        Tenant,
        state.State.ActiveVersion,
        state.State.DataKeys.Select(k => new DataKeyInfo(k.Version, k.MasterKeyVersion, k.CreatedAt)).ToList(),
        state.State.RotatedAt));

    public async Task<TenantKeyRotation> RotateAsync(bool newDataKey)
    {
        if (state.State.ActiveVersion == 0)
        {
            return new TenantKeyRotation(Tenant, masterKeys.ActiveVersion, 0, 0, false, 0);
        }

        // Re-wrap into a new list and swap it in only when every key succeeded: a missing master key
        // version leaves the activation exactly as storage holds it.
        var rewrapped = 0;
        var dataKeys = new List<WrappedDataKey>(state.State.DataKeys.Count);
        foreach (var current in state.State.DataKeys)
        {
            if (current.MasterKeyVersion == masterKeys.ActiveVersion)
            {
                dataKeys.Add(current);
                continue;
            }

            var plain = Unwrap(current);
            try
            {
                var wrapped = masterKeys.Wrap(Tenant, current.Version, plain);
                dataKeys.Add(current with { MasterKeyVersion = wrapped.MasterKeyVersion, Envelope = wrapped.Envelope });
                rewrapped++;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }

        state.State.DataKeys = dataKeys;
        if (newDataKey)
        {
            AddDataKey(state.State.DataKeys.Max(k => k.Version) + 1);
        }

        if (rewrapped > 0 || newDataKey)
        {
            state.State.RotatedAt = time.GetUtcNow();
            await CommitAsync();
        }

        return new TenantKeyRotation(Tenant, masterKeys.ActiveVersion, state.State.ActiveVersion, rewrapped, newDataKey, 0);
    }

    private void AddDataKey(int version)
    {
        var plain = RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize);
        try
        {
            var wrapped = masterKeys.Wrap(Tenant, version, plain);
            state.State.DataKeys.Add(new WrappedDataKey(version, wrapped.MasterKeyVersion, wrapped.Envelope, time.GetUtcNow()));
            state.State.ActiveVersion = version;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private byte[] Unwrap(WrappedDataKey key)
    {
        try
        {
            return masterKeys.Unwrap(Tenant, key.Version, key.Envelope);
        }
        catch (MissingMasterKeyException missing)
        {
            throw CoworkerException.Conflict(
                $"Data key version {key.Version} of tenant '{Tenant}' is wrapped by master key version {missing.Version}, " +
                $"which this silo does not have; configure it again until the rotation has completed.");
        }
    }

    private WrappedDataKey Active() => state.State.DataKeys.Single(k => k.Version == state.State.ActiveVersion);

    private async Task CommitAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Drop the in-memory change so the activation matches what storage holds.
            await state.ReadStateAsync();
            throw;
        }
    }
}
