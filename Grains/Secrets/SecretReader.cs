using System.Security.Cryptography;
using Coworker.Common;
using Coworker.Crypto;

namespace Coworker.Secrets;

/// <summary>
/// The only way to a secret's plain value, and it exists only in silos: reads the ciphertext from the
/// secret grain (a silo-internal method) and decrypts it here with the vault. This is the "reveal" the
/// credential resolver uses; nothing on a grain interface ever returns a plain value.
/// </summary>
public sealed class SecretReader(IGrainFactory grains, SecretVault vault)
{
    /// <summary>The secret's value(s), or null when the tenant has no secret of that name.</summary>
    public async Task<RevealedSecret?> RevealAsync(string tenant, string name)
    {
        var sealedSecret = await grains.GetGrain<ISecretGrain>(GrainKeys.Compose(tenant, name)).GetSealedAsync();
        if (sealedSecret is null)
        {
            return null;
        }

        var plaintext = await vault.OpenAsync(tenant, CipherContext.Secret(tenant, name), sealedSecret.Envelope);
        try
        {
            return SecretPayload.Decode(plaintext, sealedSecret.Kind);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
