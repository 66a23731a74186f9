using Coworker.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// The fixed master key test silos run with (a deployment's comes from COWORKER_MASTER_KEY or
/// Coworker:MasterKeys). A test cluster that configures its own keys keeps them.
/// </summary>
public static class TestMasterKey
{
    /// <summary>Bytes 0..31, base64: fixed so that test runs are reproducible; never a production key.</summary>
    public const string Value = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static IConfiguration AddTo(IConfiguration configuration) =>
        configuration[ConfigKeys.MasterKey] is { Length: > 0 } || configuration.GetSection(ConfigKeys.MasterKeys).Exists()
            ? configuration
            : new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { [ConfigKeys.MasterKey] = Value })
                .Build();
}
