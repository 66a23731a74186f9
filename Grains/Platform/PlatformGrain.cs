using System.Security.Cryptography;
using System.Text;

namespace Coworker.Platform;

public sealed class PlatformGrain(
    [PersistentState("platform", "coworker")] IPersistentState<PlatformState> state,
    TimeProvider time) : Grain, IPlatformGrain
{
    public async Task<bool> InitialiseAdminKeyAsync(string keyHash)
    {
        if (state.State.AdminKeyHash is not null)
        {
            return false;
        }

        state.State.AdminKeyHash = keyHash;
        state.State.AdminKeySetAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return true;
    }

    public ValueTask<bool> IsAdminKeyAsync(string keyHash)
    {
        var stored = state.State.AdminKeyHash;
        // Constant-time comparison: the hash is not secret, but there is no reason to leak timing either.
        return ValueTask.FromResult(stored is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(keyHash)));
    }
}
