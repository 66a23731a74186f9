namespace Coworker.Catalog.Import;

/// <summary>Splits a raw Postman URL ("{{host}}/v1/items?limit=10", "https://api.example.com/x") into its parts.</summary>
internal static class PostmanUrlParser
{
    public static PostmanUrl Parse(string raw)
    {
        var text = raw.Trim();
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            text = text[..hash];
        }

        var query = new List<PostmanKeyValue>();
        var questionMark = text.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            foreach (var pair in text[(questionMark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                query.Add(new PostmanKeyValue(parts[0], parts.Length > 1 ? parts[1] : null, false, null, null));
            }

            text = text[..questionMark];
        }

        string? protocol = null;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            protocol = text[..scheme];
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? text[..slash] : text;
        var path = slash >= 0 ? text[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
        string? port = null;
        var colon = authority.LastIndexOf(':');
        if (colon > 0 && !authority.EndsWith("}}", StringComparison.Ordinal) && authority[(colon + 1)..].All(char.IsAsciiDigit))
        {
            port = authority[(colon + 1)..];
            authority = authority[..colon];
        }

        var host = authority.Length == 0 ? [] : authority.Split('.').ToList();
        return new PostmanUrl(protocol, host, port, path, query, []);
    }
}
