using System.Text;

namespace Coworker.Catalog.Import;

/// <summary>
/// Gives every tool of one import a distinct MCP-safe name ([A-Za-z0-9_-], at most 64 characters).
/// Collisions (compared case-insensitively, as some clients do) get "_2", "_3", … in document order,
/// so the same description always yields the same names. The source's prefix (already normalized, see
/// <see cref="ToolPrefix"/>) comes first and is never cut; the operation's part is cut to fit.
/// </summary>
internal sealed class ToolNameAllocator(string prefix = "")
{
    public const int MaxLength = 64;

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public string Allocate(string preferred)
    {
        var room = MaxLength - prefix.Length;
        var name = Sanitize(preferred, room);
        if (name.Length == 0)
        {
            name = "operation";
        }

        var candidate = prefix + name;
        for (var n = 2; !_used.Add(candidate); n++)
        {
            var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = prefix + name[..Math.Min(name.Length, room - suffix.Length)] + suffix;
        }

        return candidate;
    }

    /// <summary>Maps anything else to "_", collapses runs of "_", trims "_" and "-" at the ends, cuts to <paramref name="max"/>.</summary>
    public static string Sanitize(string text, int max, string extraAllowed = "")
    {
        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || extraAllowed.Contains(c, StringComparison.Ordinal);
            var next = ok ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        var result = builder.ToString().Trim('_', '-');
        return result.Length > max ? result[..max].TrimEnd('_', '-') : result;
    }
}
