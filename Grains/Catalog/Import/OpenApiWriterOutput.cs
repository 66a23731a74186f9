using System.Globalization;
using System.Text;

namespace Coworker.Catalog.Import;

/// <summary>
/// Microsoft.OpenApi 2.13's JSON writer emits text that is not JSON for three things real descriptions
/// contain: control characters other than \b \t \n \f \r inside strings (written raw, e.g. a U+0000 or an
/// ESC in a description, pattern or example), lone UTF-16 surrogates (which no UTF-8 text can hold), and
/// numbers beyond double range in defaults, enums and examples (written as Infinity / -Infinity / NaN).
/// Parsing that output threw JsonReaderException and, before operations were isolated, failed the whole
/// import. This pass makes the writer's terse output valid JSON: control characters are escaped, lone
/// surrogates become U+FFFD, and the non-finite numbers become the largest finite double (NaN null).
/// </summary>
internal static class OpenApiWriterOutput
{
    private const string MaxDouble = "1.7976931348623157E+308";

    public static string Repair(string json)
    {
        StringBuilder? fixedText = null;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            string? replacement = null;
            var skip = 0;
            if (inString)
            {
                if (c == '\\')
                {
                    fixedText?.Append(c);
                    if (i + 1 < json.Length)
                    {
                        fixedText?.Append(json[i + 1]);
                    }

                    i++;
                    continue;
                }

                if (c == '"')
                {
                    inString = false;
                }
                else if (c < ' ')
                {
                    replacement = "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
                }
                else if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
                {
                    fixedText?.Append(c).Append(json[i + 1]);
                    i++;
                    continue;
                }
                else if (char.IsSurrogate(c))
                {
                    replacement = "\uFFFD";
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (Token(json, i, "-Infinity"))
            {
                (replacement, skip) = ("-" + MaxDouble, "-Infinity".Length - 1);
            }
            else if (Token(json, i, "Infinity"))
            {
                (replacement, skip) = (MaxDouble, "Infinity".Length - 1);
            }
            else if (Token(json, i, "NaN"))
            {
                (replacement, skip) = ("null", "NaN".Length - 1);
            }

            if (replacement is null)
            {
                fixedText?.Append(c);
                continue;
            }

            fixedText ??= new StringBuilder(json.Length + 16).Append(json, 0, i);
            fixedText.Append(replacement);
            i += skip;
        }

        return fixedText?.ToString() ?? json;
    }

    private static bool Token(string json, int at, string token) =>
        string.CompareOrdinal(json, at, token, 0, token.Length) == 0;
}
