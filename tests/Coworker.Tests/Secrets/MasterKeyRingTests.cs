using System.Security.Cryptography;
using System.Text;
using Coworker.Crypto;
using Coworker.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Coworker.Tests.Secrets;

public sealed class MasterKeyRingTests
{
    private static readonly string KeyOne = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyTwo = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void TheEnvironmentKeyIsMasterKeyVersionOne()
    {
        var ring = MasterKeyRing.FromConfiguration(Configuration((ConfigKeys.MasterKey, KeyOne)));

        Assert.Equal(1, ring.ActiveVersion);
        Assert.Equal([1], ring.Versions);
    }

    [Fact]
    public void VersionedKeysComeFromTheSectionAndTheActiveVersionIsChosen()
    {
        var ring = MasterKeyRing.FromConfiguration(Configuration(
            ("Coworker:MasterKeys:1", KeyOne), ("Coworker:MasterKeys:2", KeyTwo), (ConfigKeys.ActiveMasterKeyVersion, "1")));
        Assert.Equal(1, ring.ActiveVersion);
        Assert.Equal([1, 2], ring.Versions);

        // Without an active version, the newest key wraps; the environment key can stay as version 1.
        var newest = MasterKeyRing.FromConfiguration(Configuration((ConfigKeys.MasterKey, KeyOne), ("Coworker:MasterKeys:2", KeyTwo)));
        Assert.Equal(2, newest.ActiveVersion);
    }

    [Theory]
    [InlineData(null, "No master key is configured")]
    [InlineData("not base64!", "is not base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not random")]
    public void ABadOrMissingKeyStopsTheStartWithAMessageNamingTheSetting(string? key, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            MasterKeyRing.FromConfiguration(key is null ? Configuration() : Configuration((ConfigKeys.MasterKey, key))));

        Assert.Contains(expected, error.Message);
        Assert.Contains(ConfigKeys.MasterKey, error.Message);
        if (key is not null)
        {
            Assert.DoesNotContain(key, error.Message);
        }
    }

    [Fact]
    public void AnActiveVersionThatIsNotConfiguredOrConflictingVersionOnesAreRefused()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => MasterKeyRing.FromConfiguration(
            Configuration((ConfigKeys.MasterKey, KeyOne), (ConfigKeys.ActiveMasterKeyVersion, "2"))));
        Assert.Contains(ConfigKeys.ActiveMasterKeyVersion, missing.Message);

        var conflict = Assert.Throws<InvalidOperationException>(() => MasterKeyRing.FromConfiguration(
            Configuration((ConfigKeys.MasterKey, KeyOne), ("Coworker:MasterKeys:1", KeyTwo))));
        Assert.DoesNotContain(KeyOne, conflict.Message);
        Assert.DoesNotContain(KeyTwo, conflict.Message);

        Assert.Throws<InvalidOperationException>(() => MasterKeyRing.FromConfiguration(Configuration(("Coworker:MasterKeys:v2", KeyTwo))));
    }

    [Fact]
    public void TheRingPrintsVersionsButNeverKeys()
    {
        var ring = MasterKeyRing.FromConfiguration(Configuration(("Coworker:MasterKeys:1", KeyOne), ("Coworker:MasterKeys:2", KeyTwo)));

        Assert.Equal("master keys (versions 1, 2; active 2)", ring.ToString());
    }

    [Fact]
    public void TheSettingNamesAreTheOnesDeploymentsConfigure()
    {
        Assert.Equal(ConfigKeys.MasterKey, MasterKeyRing.EnvironmentKey);
        Assert.Equal(ConfigKeys.MasterKeys, MasterKeyRing.KeysSection);
        Assert.Equal(ConfigKeys.ActiveMasterKeyVersion, MasterKeyRing.ActiveVersionKey);
    }

    [Fact]
    public void ASecretSealedBeforeAMasterKeyRotationStillOpensAfterItAndAfterTheOldKeyIsRetired()
    {
        var keys = new Dictionary<int, byte[]> { [1] = Convert.FromBase64String(KeyOne), [2] = Convert.FromBase64String(KeyTwo) };
        var before = new MasterKeyRing(new Dictionary<int, byte[]> { [1] = keys[1] }, 1);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrappedUnderOne = before.Wrap("acme", 1, dataKey);
        var secret = EnvelopeCipher.Seal(dataKey, new EnvelopeHeader(1, 1), Encoding.UTF8.GetBytes("hunter2-basic-password"), CipherContext.Secret("acme", "jira"));
        Assert.Equal(1, wrappedUnderOne.MasterKeyVersion);

        // Operators add version 2 and make it active: the key wrapped by version 1 still unwraps...
        var during = new MasterKeyRing(keys, 2);
        Assert.Equal(dataKey, during.Unwrap("acme", 1, wrappedUnderOne.Envelope));
        // ...and the rotation re-wraps it under version 2, which the envelope then records.
        var wrappedUnderTwo = during.Wrap("acme", 1, during.Unwrap("acme", 1, wrappedUnderOne.Envelope));
        Assert.Equal(2, wrappedUnderTwo.MasterKeyVersion);
        Assert.Equal(new EnvelopeHeader(2, 1), EnvelopeCipher.ReadHeader(wrappedUnderTwo.Envelope));

        // Once version 1 is retired, the re-wrapped data key still opens the secret sealed before the rotation.
        var after = new MasterKeyRing(new Dictionary<int, byte[]> { [2] = keys[2] }, 2);
        var unwrapped = after.Unwrap("acme", 1, wrappedUnderTwo.Envelope);
        Assert.Equal("hunter2-basic-password", Encoding.UTF8.GetString(EnvelopeCipher.Open(unwrapped, secret, CipherContext.Secret("acme", "jira"))));
        var missing = Assert.Throws<MissingMasterKeyException>(() => after.Unwrap("acme", 1, wrappedUnderOne.Envelope));
        Assert.Equal(1, missing.Version);
    }

    [Fact]
    public void AWrappedDataKeyOpensOnlyForItsTenantAndVersion()
    {
        var ring = new MasterKeyRing(new Dictionary<int, byte[]> { [1] = Convert.FromBase64String(KeyOne) }, 1);
        var wrapped = ring.Wrap("acme", 3, RandomNumberGenerator.GetBytes(32));

        Assert.Throws<EnvelopeException>(() => ring.Unwrap("globex", 3, wrapped.Envelope));
        Assert.Throws<EnvelopeException>(() => ring.Unwrap("acme", 4, wrapped.Envelope));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
