using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace Coworker.Catalog.Import;

/// <summary>
/// Turns raw bytes into one JSON tree, whatever the syntax. JSON is parsed by System.Text.Json; YAML by
/// SharpYaml (nesting capped at 64) and converted by OpenAPI.NET's YamlConverter, which stops alias expansion
/// after a fixed node budget, so a "billion laughs" document fails fast instead of filling memory.
/// </summary>
internal static class DescriptionParser
{
    private const int MaxJsonDepth = 256;

    public static JsonNode Parse(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        RequireUtf8(span);
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        var first = FirstSignificantByte(span);
        if (first is null)
        {
            throw new ImportException(ImportErrorKind.Malformed, "The description is empty.");
        }

        // JSON is a subset of YAML, but System.Text.Json gives exact line/position errors, so JSON goes there.
        return first is (byte)'{' or (byte)'[' ? ParseJson(span) : ParseYaml(span);
    }

    // System.Text.Json checks UTF-8 only when a string is read, which here happened deep in the importer
    // (an InvalidOperationException with no position); YAML decoding silently replaced bad bytes. Checking
    // first gives the uploader the byte to look at.
    private static void RequireUtf8(ReadOnlySpan<byte> span)
    {
        if (System.Text.Unicode.Utf8.IsValid(span))
        {
            return;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        var lineStart = span[..offset].LastIndexOf((byte)'\n') + 1;
        var line = span[..offset].Count((byte)'\n') + 1;
        var position = offset - lineStart + 1;
        throw new ImportException(
            ImportErrorKind.Malformed,
            $"The description is not valid UTF-8: byte offset {offset} (line {line}, position {position}) starts an invalid sequence (0x{span[offset]:X2}).",
            line,
            position);
    }

    private static byte? FirstSignificantByte(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return null;
    }

    private static JsonNode ParseJson(ReadOnlySpan<byte> span)
    {
        try
        {
            var options = new JsonDocumentOptions
            {
                MaxDepth = MaxJsonDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            };
            return JsonNode.Parse(span, documentOptions: options)
                ?? throw new ImportException(ImportErrorKind.Malformed, "The description is the JSON literal null.");
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var position = e.BytePositionInLine is { } p ? (int)p + 1 : (int?)null;
            throw new ImportException(
                ImportErrorKind.Malformed,
                $"The JSON is malformed at line {line}, position {position}: {Reason(e.Message)}",
                line,
                position,
                e);
        }
    }

    private static JsonNode ParseYaml(ReadOnlySpan<byte> span)
    {
        var text = Encoding.UTF8.GetString(span);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (SharpYaml.YamlException e)
        {
            var line = e.Start.Line + 1;
            var position = e.Start.Column + 1;
            throw new ImportException(
                ImportErrorKind.Malformed,
                $"The YAML is malformed at line {line}, position {position}: {Reason(e.Message)}",
                line,
                position,
                e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ImportException(ImportErrorKind.Malformed, "The YAML stream holds no document.");
        }

        try
        {
            return YamlConverter.ToJsonNode(stream.Documents[0])
                ?? throw new ImportException(ImportErrorKind.Malformed, "The YAML document is empty.");
        }
        catch (OpenApiReaderException e) when (e.Message.Contains("alias", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException(
                ImportErrorKind.TooLarge,
                $"The YAML document expands its aliases beyond {YamlConverter.MaxAliasExpansionNodeCount} nodes; refusing it.",
                innerException: e);
        }
        catch (OpenApiReaderException e)
        {
            throw new ImportException(ImportErrorKind.Malformed, $"The YAML could not be read: {Reason(e.Message)}", innerException: e);
        }
    }

    // Parser messages end with the location ("... LineNumber: 3 | BytePositionInLine: 7.") or start with it
    // ("(Lin: 3, Col: 9, Chr: 49) - (...): reason"); keep the reason, short.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            message = message[..cut];
        }

        var colon = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Lin:", StringComparison.Ordinal) && colon > 0)
        {
            message = message[(colon + 3)..];
        }

        return message.Length > 200 ? message[..200] + "…" : message;
    }
}
