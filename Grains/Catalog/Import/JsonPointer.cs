namespace Coworker.Catalog.Import;

/// <summary>RFC 6901 JSON pointers, built from unescaped segments.</summary>
internal static class JsonPointer
{
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static string Of(params ReadOnlySpan<string> segments)
    {
        var parts = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            parts[i] = "/" + Escape(segments[i]);
        }

        return string.Concat(parts);
    }
}
