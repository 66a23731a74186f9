using System.Text;
using Coworker.Storage.Audit;

namespace Coworker.Tests.Audit;

/// <summary>The chain's hash is a stored format: the same row must hash the same in every release.</summary>
public sealed class AuditChainHashTests
{
    private static readonly AuditRowContent Row = new(
        Guid.Parse("0b6e2d4c-93a1-4f7e-8c55-1d2e3f405162"), "acme", 7,
        new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), "tool_call", "agent:bot", "petstore.listPets", "ok",
        new Dictionary<string, string> { ["z"] = "last", ["a"] = "quote \" backslash \\ newline \n tab \t bell \u0007 é ✓" });

    [Fact]
    public void TheCanonicalFormHasFixedOrderMinimalEscapingAndMicroseconds()
    {
        var json = Encoding.UTF8.GetString(AuditCanonicalJson.Serialize(Row));

        Assert.Equal(
            "{\"id\":\"0b6e2d4c-93a1-4f7e-8c55-1d2e3f405162\",\"tenant\":\"acme\",\"seq\":7,\"at\":\"2025-01-31T12:00:00.123456Z\"," +
            "\"kind\":\"tool_call\",\"actor\":\"agent:bot\",\"target\":\"petstore.listPets\",\"outcome\":\"ok\"," +
            "\"detail\":{\"a\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é ✓\",\"z\":\"last\"}}",
            json);
    }

    [Fact]
    public void TheHashIsSha256OfThePreviousHashAndTheCanonicalForm()
    {
        var prev = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = System.Security.Cryptography.SHA256.HashData([.. prev, .. AuditCanonicalJson.Serialize(Row)]);

        Assert.Equal(expected, AuditChain.ComputeHash(prev, Row));
        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.Genesis(), Row), AuditChain.ComputeHash(prev, Row));
    }

    [Fact]
    public void ADetailReadBackFromJsonbHashesTheSame()
    {
        var stored = AuditCanonicalJson.Detail(Row.Detail);

        var readBack = Row with { Detail = AuditCanonicalJson.ParseDetail(stored) };

        Assert.Equal(AuditChain.ComputeHash(AuditChain.Genesis(), Row), AuditChain.ComputeHash(AuditChain.Genesis(), readBack));
    }
}
