using System.Text;

namespace Coworker.Embeddings;

/// <summary>
/// Splits API text into lower-case words: on anything that is not a letter or digit, and inside identifiers at
/// camelCase, snake_case, dotted and kebab boundaries ("calendarList.get" -> calendar, list, get).
/// </summary>
public static class Tokenizer
{
    public static List<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(current, words);
                continue;
            }

            if (current.Length > 0 && IsBoundary(text, i))
            {
                Flush(current, words);
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(current, words);
        return words;
    }

    // A word starts at an upper-case letter after a lower-case one (postMessage), at the last capital of an
    // acronym followed by lower case (HTMLParser -> html, parser), and where letters and digits meet (v3, oauth2).
    private static bool IsBoundary(string text, int i)
    {
        var previous = text[i - 1];
        var c = text[i];
        if (char.IsUpper(c) && char.IsLower(previous))
        {
            return true;
        }

        if (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]))
        {
            return true;
        }

        return char.IsDigit(c) != char.IsDigit(previous) && char.IsLetterOrDigit(previous);
    }

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
