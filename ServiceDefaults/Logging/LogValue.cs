using System.Text;

namespace Coworker.ServiceDefaults.Logging;

/// <summary>
/// Makes a caller-supplied value safe to put in a log message: newlines, other control characters and the Unicode
/// line separators become visible escapes (\n, \r, \t, \u001b …), so a value can never start a forged log line
/// or smuggle terminal escapes, and it is cut to a bounded length.
/// </summary>
public static class LogValue
{
    public const int MaxLength = 512;

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value.Length > MaxLength ? value[..MaxLength] : value;
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' => $"\\u{(int)c:x4}",
                _ => null,
            };
            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            escaped.Append(replacement);
        }

        var result = escaped?.ToString() ?? text;
        return value.Length > MaxLength ? result + "…" : result;
    }
}
