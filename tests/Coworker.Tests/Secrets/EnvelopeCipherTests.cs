using System.Security.Cryptography;
using System.Text;
using Coworker.Crypto;

namespace Coworker.Tests.Secrets;

public sealed class EnvelopeCipherTests
{
    private static readonly byte[] DataKey = RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize);
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("sk_live_the-upstream-api-key-0123456789");

    [Fact]
    public void SealedValueOpensAgainUnderTheSameKeyTenantAndId()
    {
        var envelope = Seal("acme", "stripe");

        Assert.Equal(Plaintext, EnvelopeCipher.Open(DataKey, envelope, CipherContext.Secret("acme", "stripe")));
        Assert.Equal(EnvelopeCipher.Overhead + Plaintext.Length, envelope.Length);
        Assert.False(envelope.AsSpan().IndexOf(Plaintext.AsSpan(0, 12)) >= 0, "the plaintext shows through the envelope");
    }

    [Fact]
    public void SealingTheSameValueTwiceGivesDifferentEnvelopes()
    {
        Assert.NotEqual(Seal("acme", "stripe"), Seal("acme", "stripe"));
    }

    [Theory]
    [InlineData("globex", "stripe")]
    [InlineData("acme", "github")]
    [InlineData("acm", "estripe")]
    public void AnEnvelopeMovedToAnotherTenantOrSecretDoesNotOpen(string tenant, string name)
    {
        var envelope = Seal("acme", "stripe");

        Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(DataKey, envelope, CipherContext.Secret(tenant, name)));
    }

    [Fact]
    public void AnEnvelopeDoesNotOpenAsAnotherKindOfRecord()
    {
        var envelope = EnvelopeCipher.Seal(DataKey, new EnvelopeHeader(1, 1), Plaintext, CipherContext.Secret("acme", "1"));

        Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(DataKey, envelope, CipherContext.DataKey("acme", 1)));
    }

    [Fact]
    public void ChangingAnyByteOfTheEnvelopeMakesItFail()
    {
        var envelope = Seal("acme", "stripe");
        var context = CipherContext.Secret("acme", "stripe");
        for (var i = 0; i < envelope.Length; i++)
        {
            var tampered = envelope.ToArray();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(DataKey, tampered, context));
        }
    }

    [Fact]
    public void ATruncatedEnvelopeOrAWrongKeyFails()
    {
        var envelope = Seal("acme", "stripe");
        var context = CipherContext.Secret("acme", "stripe");

        Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(DataKey, envelope.AsSpan(0, EnvelopeCipher.Overhead - 1), context));
        Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(RandomNumberGenerator.GetBytes(32), envelope, context));
    }

    [Fact]
    public void TheEnvelopeRecordsItsFormatAndKeyVersionsInTheClear()
    {
        var envelope = EnvelopeCipher.Seal(DataKey, new EnvelopeHeader(MasterKeyVersion: 3, DataKeyVersion: 258), Plaintext, CipherContext.Secret("acme", "stripe"));

        Assert.Equal(new EnvelopeHeader(3, 258), EnvelopeCipher.ReadHeader(envelope));
        Assert.Equal(EnvelopeHeader.CurrentFormat, envelope[0]);
        Assert.Equal([0, 0, 0, 3], envelope[1..5]);
        Assert.Equal([0, 0, 1, 2], envelope[5..9]);
    }

    [Fact]
    public void FailuresSayNothingAboutTheContent()
    {
        var envelope = Seal("acme", "stripe");
        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(DataKey, envelope, CipherContext.Secret("globex", "stripe")));

        Assert.DoesNotContain("sk_live", error.ToString());
        Assert.DoesNotContain(Convert.ToBase64String(DataKey), error.ToString());
    }

    private static byte[] Seal(string tenant, string name) =>
        EnvelopeCipher.Seal(DataKey, new EnvelopeHeader(1, 1), Plaintext, CipherContext.Secret(tenant, name));
}
