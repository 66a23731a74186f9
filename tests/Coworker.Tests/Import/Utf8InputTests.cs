using System.Text;
using Coworker.Catalog.Import;

namespace Coworker.Tests.Import;

/// <summary>Descriptions that are not UTF-8: refused as malformed, pointing at the byte, never an untyped failure.</summary>
public sealed class Utf8InputTests
{
    [Theory]
    [InlineData(".json")]
    [InlineData(".yaml")]
    public void InvalidUtf8IsMalformedWithTheByteOffset(string syntax)
    {
        var text = syntax == ".json"
            ? "{\n  \"openapi\": \"3.0.3\",\n  \"info\": { \"title\": \"Caf\u00e9 X\", \"version\": \"1\" },\n  \"paths\": {}\n}"
            : "openapi: 3.0.3\ninfo:\n  title: Caf\u00e9 X\n  version: '1'\npaths: {}\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = Array.IndexOf(bytes, (byte)'X');
        bytes[offset] = 0xFF; // never valid in UTF-8

        var error = Assert.Throws<ImportException>(() => ApiDescriptionImporter.Import(bytes, ImportTestData.Options()));

        Assert.Equal(ImportErrorKind.Malformed, error.Kind);
        Assert.Contains($"byte offset {offset}", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Equal(offset - Array.LastIndexOf(bytes, (byte)'\n', offset), error.Position); // 1-based byte in its line
        Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedMultiByteSequenceIsFound()
    {
        var bytes = Encoding.UTF8.GetBytes("{ \"openapi\": \"3.0.3\", \"info\": { \"title\": \"\u20ac\", \"version\": \"1\" }, \"paths\": {} }");
        var euro = Array.IndexOf(bytes, (byte)0xE2);
        var broken = bytes.Take(euro + 2).Concat(bytes.Skip(euro + 3)).ToArray(); // drop the sequence's last byte

        var error = Assert.Throws<ImportException>(() => ApiDescriptionImporter.Import(broken, ImportTestData.Options()));

        Assert.Equal(ImportErrorKind.Malformed, error.Kind);
        Assert.Contains($"byte offset {euro}", error.Message, StringComparison.Ordinal);
    }
}
