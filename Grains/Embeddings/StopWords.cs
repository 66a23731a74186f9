namespace Coworker.Embeddings;

/// <summary>
/// Words that carry no meaning for choosing a tool: English function words plus the boilerplate of API
/// descriptions ("returns the specified resource"). Words that signal intent (what, which, all, get, new) are
/// deliberately not here: <see cref="DomainLexicon"/> turns them into intent features.
/// </summary>
public static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "into", "onto", "about", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
        "did", "doing", "have", "has", "had", "having", "i", "me", "my", "mine", "we", "us", "our", "you", "your",
        "he", "she", "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here", "so",
        "can", "could", "would", "should", "will", "shall", "may", "might", "must", "please", "just", "also", "too",
        "very", "some", "any", "such", "than", "not", "no", "only", "own", "same", "both", "each", "other", "up",
        "out", "off", "over", "under", "again", "once", "when", "where", "why", "how", "who", "whom", "whose", "via",
        "what", "which", "all", "every", "e", "g", "eg", "ie", "etc", "s", "t", "d", "ll", "m", "re", "ve", "let", "lets", "want", "need", "like",
        "got", "gotten", "someone", "something", "thing", "things", "one", "ones", "way", "using", "use", "used",
        "api", "apis", "endpoint", "endpoints", "method", "operation", "request", "requests", "response", "returns",
        "return", "returned", "specified", "specific", "given", "provided", "supports", "support", "semantics",
        "call", "calls", "tool", "v1", "v2", "v3", "v4", "v1.0", "beta", "http", "https", "www", "com", "json", "id",
        "ids", "note", "see", "true", "false", "null", "string", "integer", "object", "array", "boolean",
    };

    public static bool Contains(string word) => Words.Contains(word) || (word.Length == 1 && !char.IsDigit(word[0]));
}
