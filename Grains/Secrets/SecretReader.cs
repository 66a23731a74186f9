using System.Security.Cryptography;
using Coworker.Common;
using Coworker.Crypto;

namespace Coworker.Secrets;

/// <summary>
/// The only way to a secret's plain value, and it exists only in silos: reads the ciphertext from the
/// secret grain (a silo-internal method) and decrypts it here with the vault. This is the "reveal" the
/// credential resolver uses; nothing on a grain interface ever returns a plain value. A reveal names the request's
/// target, and a host the Owner did not approve for the secret is refused before anything is decrypted.
/// </summary>
public sealed class SecretReader(IGrainFactory grains, SecretVault vault)
{
    /// <summary>
    /// The secret's value(s) for a request to <paramref name="target"/>, or null when the tenant has no secret of that
    /// name; <see cref="SecretNotApprovedException"/> when the target's host (and port) is not approved for it.
    /// </summary>
    public async Task<RevealedSecret?> RevealAsync(string tenant, string name, Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var sealedSecret = await grains.GetGrain<ISecretGrain>(GrainKeys.Compose(tenant, name)).GetSealedAsync();
        if (sealedSecret is null)
        {
            return null;
        }

        if (!ApprovedHosts.Allows(sealedSecret.AllowedHosts, target))
        {
            throw new SecretNotApprovedException(name, ApprovedHosts.Describe(target));
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
