using Coworker.Common;

namespace Coworker.Catalog;

/// <summary>
/// A source's tool-name prefix: chosen at the first import of a source and prepended to every tool name of
/// it, so two sources with the same operationIds (one API as OpenAPI 3 and as Swagger 2) can live side by
/// side. It follows the tool-name rules; "_" joins it to the names unless it already ends in "_" or "-".
/// </summary>
public static class ToolPrefix
{
    /// <summary>Longest prefix, separator included; the rest of the 64 characters stays for the operation's name.</summary>
    public const int MaxLength = 32;

    /// <summary>The prefix as it is put in front of names ("v2" → "v2_"); empty for none.</summary>
    public static string Normalize(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return string.Empty;
        }

        var trimmed = prefix.Trim();
        var joined = trimmed.EndsWith('_') || trimmed.EndsWith('-') ? trimmed : trimmed + "_";
        if (!ToolNames.IsValid(joined) || joined.Length > MaxLength || !char.IsAsciiLetterOrDigit(joined[0]))
        {
            throw CoworkerException.Validation(
                $"'{Shorten(trimmed)}' is not a valid tool prefix: it starts with a letter or digit, uses [A-Za-z0-9_-] and has at most {MaxLength - 1} characters.");
        }

        return joined;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
