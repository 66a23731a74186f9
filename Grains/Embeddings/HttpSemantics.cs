namespace Coworker.Embeddings;

/// <summary>
/// What an HTTP operation does, read from its method and path: GET on a collection lists, GET on one item (a
/// path ending in a parameter) gets it, POST creates, PUT/PATCH update, DELETE removes; an RPC-style last
/// segment that is a verb (/drafts/send, /chat.postMessage, /events/quickAdd) says it outright.
/// </summary>
public static class HttpSemantics
{
    public static IReadOnlyList<string> Intents(string method, string path)
    {
        var segments = Segments(path);
        var last = segments.Count == 0 ? "" : segments[^1];
        var endsWithParameter = IsParameter(last);
        var verbs = endsWithParameter ? [] : VerbsIn(last);
        if (verbs.Count > 0)
        {
            return verbs;
        }

        return method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => [endsWithParameter || !LooksPlural(last) ? Intent.Get : Intent.List],
            "POST" => [Intent.Create],
            "PUT" or "PATCH" => [Intent.Update],
            "DELETE" => [Intent.Delete],
            _ => [],
        };
    }

    /// <summary>The path's segments without the query string; Postman's {{var}}, &lt;var&gt; and :var count as parameters.</summary>
    public static IReadOnlyList<string> Segments(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var clean = query < 0 ? path : path[..query];
        var scheme = clean.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = clean.IndexOf('/', scheme + 3);
            clean = slash < 0 ? "" : clean[slash..];
        }

        return clean.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public static bool IsParameter(string segment) =>
        segment.StartsWith('{') || segment.StartsWith('<') || segment.StartsWith(':') || segment.StartsWith('$');

    private static List<string> VerbsIn(string segment)
    {
        var intents = new List<string>();
        foreach (var word in Tokenizer.Split(segment))
        {
            // "info" and "list" in /users.info, /files.list are verbs here; a plural is a noun that merely looks
            // like one (GET /changes lists changes, GET /forks lists forks).
            if (LooksPlural(word))
            {
                continue;
            }

            var intent = DomainLexicon.IntentOf(PorterStemmer.Stem(word));
            if (intent is not null && !intents.Contains(intent))
            {
                intents.Add(intent);
            }
        }

        return intents;
    }

    private static bool LooksPlural(string segment)
    {
        var words = Tokenizer.Split(segment);
        if (words.Count == 0)
        {
            return false;
        }

        var word = words[^1];
        return (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 3)
               || DomainLexicon.BaseForm(word) != word;
    }
}
