using Coworker.Common;
using Coworker.Secrets;

namespace Coworker.Tests.Secrets;

/// <summary>What an Owner's approved-host entry lets a secret reach, and what it does not.</summary>
public sealed class ApprovedHostsTests
{
    [Theory]
    [InlineData("api.example.com", "https://api.example.com/v1/charges", true)]
    [InlineData("api.example.com", "http://API.Example.COM/v1", true)]
    [InlineData("api.example.com", "https://api.example.com./v1", true)]
    [InlineData("api.example.com", "https://api.example.com:8443/v1", false)]
    [InlineData("api.example.com", "https://api.example.com.evil.example/v1", false)]
    [InlineData("api.example.com", "https://evilapi.example.com/v1", false)]
    [InlineData("api.example.com:8443", "https://api.example.com:8443/v1", true)]
    [InlineData("api.example.com:8443", "https://api.example.com/v1", false)]
    [InlineData("api.example.com:443", "https://api.example.com/v1", true)]
    [InlineData("*.example.com", "https://eu.api.example.com/v1", true)]
    [InlineData("*.example.com", "https://example.com/v1", false)]
    [InlineData("*.example.com", "https://example.com.evil.example/v1", false)]
    [InlineData("*.example.com", "https://evilexample.com/v1", false)]
    [InlineData("127.0.0.1:5001", "http://127.0.0.1:5001/pets", true)]
    [InlineData("127.0.0.1:5001", "http://127.0.0.1:5002/pets", false)]
    [InlineData("127.0.0.1:5001", "http://localhost:5001/pets", false)]
    [InlineData("[::1]:5001", "http://[::1]:5001/pets", true)]
    [InlineData("bücher.example", "https://xn--bcher-kva.example/", true)]
    public void AnEntryApprovesExactlyTheHostAndPortItNames(string entry, string target, bool allowed)
    {
        var list = ApprovedHosts.Normalize([entry]);

        Assert.Equal(allowed, ApprovedHosts.Allows(list, new Uri(target)));
    }

    [Fact]
    public void AnEmptyListApprovesNothing()
    {
        Assert.False(ApprovedHosts.Allows([], new Uri("https://api.example.com/")));
        Assert.Empty(ApprovedHosts.Normalize(null));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.com")]
    [InlineData("*.127.0.0.1")]
    [InlineData("**.example.com")]
    [InlineData("api.*.example.com")]
    [InlineData("https://api.example.com")]
    [InlineData("api.example.com/v1")]
    [InlineData("user@api.example.com")]
    [InlineData("api.example.com:0")]
    [InlineData("api.example.com:65536")]
    [InlineData("api.example.com:")]
    [InlineData("::1")]
    [InlineData(" ")]
    public void EntriesThatAreNotAHostOrThatApproveTooMuchAreRefused(string entry)
    {
        Assert.Equal(ErrorKind.Validation, Assert.Throws<CoworkerException>(() => ApprovedHosts.Normalize([entry])).Kind);
    }

    [Fact]
    public void AListIsStoredLowercasedDeduplicatedAndSorted()
    {
        Assert.Equal(["*.example.org:8443", "api.example.com"], ApprovedHosts.Normalize(["API.example.com", "*.Example.org:8443", "api.example.com"]));
    }
}
