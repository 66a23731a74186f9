namespace Coworker.Platform;

/// <summary>
/// Platform-wide settings held by one grain (key <see cref="Key"/>): today the hash of the admin key.
/// The grain is single-threaded, so two Gateways starting together cannot both install a first key.
/// </summary>
[Alias("Coworker.IPlatformGrain")]
public interface IPlatformGrain : IGrainWithStringKey
{
    public const string Key = "platform";

    /// <summary>Stores the hash as the admin key if none is stored yet; true when this call installed it.</summary>
    Task<bool> InitialiseAdminKeyAsync(string keyHash);

    [ReadOnly]
    ValueTask<bool> IsAdminKeyAsync(string keyHash);
}
