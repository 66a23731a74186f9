using System.Text;
using System.Text.RegularExpressions;

namespace Coworker.Catalog.Import;

/// <summary>
/// The tool-poisoning screen. Text an imported description shows to a model (titles, descriptions, schema
/// annotations) is cleaned of invisible and control characters, and instruction-like phrases aimed at the
/// model are flagged for review. Flagged tools are kept: a human decides before anything is published.
/// </summary>
internal static partial class PoisoningScreen
{
    public const string HiddenCharactersFlag = "hidden-characters";

    /// <summary>
    /// Removes zero-width, bidi-override and control characters (newlines and tabs survive when
    /// <paramref name="multiline"/>), cuts the text to <paramref name="maxLength"/>, and screens what remains:
    /// exactly the text a model will read.
    /// </summary>
    public static string Clean(string? text, bool multiline, ICollection<string>? flags, string where, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        var hidden = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var keep = !IsInvisible(c) && (!char.IsControl(c) || (multiline && c is '\n' or '\t'));
            if (!keep || (!multiline && c is '\n' or '\r' or '\t'))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                hidden |= IsInvisible(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
                if (char.IsWhiteSpace(c) || c == '\r')
                {
                    builder.Append(multiline && c == '\r' ? string.Empty : " ");
                }

                continue;
            }

            builder?.Append(c);
        }

        var cleaned = Truncate((builder?.ToString() ?? text).Trim(), maxLength);
        if (hidden)
        {
            Add(flags, $"{HiddenCharactersFlag}: invisible or control characters removed from {where}");
        }

        Inspect(cleaned, flags, where);
        return cleaned;
    }

    /// <summary>Flags instruction-like phrases (prompt-injection attempts) in already cleaned text.</summary>
    public static void Inspect(string text, ICollection<string>? flags, string where)
    {
        if (flags is null || text.Length == 0)
        {
            return;
        }

        try
        {
            var match = Instructions().Match(text);
            if (match.Success)
            {
                var phrase = match.Value.Length > 60 ? match.Value[..60] + "…" : match.Value;
                Add(flags, $"instruction-like text in {where}: \"{phrase}\"");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Never fail an import over the screen; ask a human instead.
            Add(flags, $"screen incomplete: {where} could not be checked in time");
        }
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, at a word boundary when one is near.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1, Math.Min(max - 1, 80));
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : max - 1).TrimEnd(), "…");
    }

    private static bool IsInvisible(char c) =>
        c is (>= '\u200B' and <= '\u200F') or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u00AD';

    private static void Add(ICollection<string>? flags, string flag)
    {
        if (flags is not null && !flags.Contains(flag))
        {
            flags.Add(flag);
        }
    }

    [GeneratedRegex(
        @"\b(ignore|forget|override)\s+(all\s+|any\s+|the\s+|your\s+)*(previous|prior|above|earlier|preceding|other|system)\s+(instructions?|prompts?|messages?|rules|context)" +
        @"|\bdisregard\s+(all|any|the|your|previous|prior|above|earlier|these|those|everything)\b" +
        @"|\byou\s+(must|should)\s+now\b|\byou\s+are\s+now\b|\bfrom\s+now\s+on,?\s+you\b" +
        @"|\bsystem\s+prompt\b|\bnew\s+instructions\s*:" +
        @"|\b(do\s+not|don't|never)\s+(tell|inform|show|reveal\s+to|mention\s+(this\s+)?to|let)\s+the\s+user\b" +
        @"|\bwithout\s+(telling|informing|asking)\s+the\s+user\b" +
        @"|<\s*/?\s*(system|instructions?|important)\s*>|\[/?INST\]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
        matchTimeoutMilliseconds: 2000)]
    private static partial Regex Instructions();
}
