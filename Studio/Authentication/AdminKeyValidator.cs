using Coworker.Common;
using Coworker.Platform;

namespace Coworker.Studio.Authentication;

/// <summary>
/// Checks a pasted admin key the way the Gateway does: only its SHA-256 hash crosses into the cluster,
/// where the platform grain compares it with the stored hash.
/// </summary>
public sealed partial class AdminKeyValidator(IClusterClient cluster, ILogger<AdminKeyValidator> logger)
{
    public async Task<bool> IsAdminKeyAsync(string? key)
    {
        var candidate = key?.Trim();
        if (candidate is not { Length: > 0 } || !candidate.StartsWith(ApiKeyHasher.AdminKeyPrefix + "_", StringComparison.Ordinal))
        {
            LogRejected("not an admin key");
            return false;
        }

        var accepted = await cluster.GetGrain<IPlatformGrain>(IPlatformGrain.Key).IsAdminKeyAsync(ApiKeyHasher.Hash(candidate));
        if (accepted)
        {
            LogAccepted();
        }
        else
        {
            LogRejected("unknown admin key");
        }

        return accepted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Studio sign-in accepted")]
    private partial void LogAccepted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio sign-in rejected: {Reason}")]
    private partial void LogRejected(string reason);
}
