using Coworker.Common;
using Coworker.Platform;
using Coworker.ServiceDefaults;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// On the first start of a deployment, installs the admin key: the one from COWORKER_ADMIN_KEY, or a
/// generated one printed once to the console (never to the log pipeline). Later starts change nothing.
/// </summary>
public sealed partial class AdminKeyInitializer(IClusterClient cluster, IConfiguration configuration, ILogger<AdminKeyInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = configuration[ConfigKeys.AdminKey];
        if (configured is { Length: > 0 } && !configured.StartsWith(ApiKeyHasher.AdminKeyPrefix + "_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{ConfigKeys.AdminKey} must start with '{ApiKeyHasher.AdminKeyPrefix}_'.");
        }

        var key = configured is { Length: > 0 } ? configured : ApiKeyHasher.NewKey(ApiKeyHasher.AdminKeyPrefix, "admin");
        var installed = await cluster.GetGrain<IPlatformGrain>(IPlatformGrain.Key).InitialiseAdminKeyAsync(ApiKeyHasher.Hash(key));
        if (installed && configured is not { Length: > 0 })
        {
            Console.WriteLine($"Coworker admin key (shown once, store it now): {key}");
        }

        LogAdminKey(installed ? "installed" : "already installed");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key {State}")]
    private partial void LogAdminKey(string state);
}
