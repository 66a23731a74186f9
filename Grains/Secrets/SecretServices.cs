using Coworker.Crypto;
using Coworker.Execution;
using Coworker.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coworker;

/// <summary>Registers the secrets and crypto core on a silo.</summary>
public static class SecretServices
{
    /// <summary>
    /// Master keys (read and checked now, so a silo without a valid one fails to start with a message naming
    /// the setting), the vault, the secrets projection, and the service-secret <see cref="ICredentialResolver"/>.
    /// </summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, string postgresConnectionString, IConfiguration configuration)
    {
        services.AddSingleton(MasterKeyRing.FromConfiguration(configuration));
        services.AddSingleton(_ => new SecretProjection(postgresConnectionString));
        services.AddSingleton<SecretVault>();
        services.AddSingleton<SecretReader>();
        services.AddSingleton<ICredentialResolver, SecretCredentialResolver>();
        return services;
    }
}
