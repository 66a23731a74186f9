namespace Coworker.Embeddings;

/// <summary>
/// The hand-written part of the offline embedder's vocabulary: how people name API actions and SaaS objects
/// (meeting ~ event, mail ~ message, repo ~ repository), irregular verbs, and which words state an intent.
/// WordNet (<see cref="WordNetSynonyms"/>) covers general English; this covers what WordNet does not know.
/// Keys are Porter stems, so "meetings", "meeting" and "meet" share an entry.
/// </summary>
public static class DomainLexicon
{
    private static readonly Dictionary<string, string> Surface = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> IntentByStem = BuildIntents();
    private static readonly Dictionary<string, List<string>> SynonymsByStem = BuildSynonyms(DomainVocabulary.Groups);
    private static readonly Dictionary<string, List<string>> RelatedByStem = BuildSynonyms(DomainVocabulary.Related);
    private static readonly Dictionary<string, string> Irregular = DomainVocabulary.IrregularForms
        .Select(pair => pair.Split(' '))
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    /// <summary>The base form of an irregular verb or noun (wrote -> write, people -> person), else the word.</summary>
    public static string BaseForm(string word) => Irregular.TryGetValue(word, out var form) ? form : word;

    /// <summary>The intent a word states ("remove" -> delete), or null.</summary>
    public static string? IntentOf(string stem) => IntentByStem.GetValueOrDefault(stem);

    /// <summary>
    /// Intent of a word that states one only in a request ("report a bug", "who is ..."); in API descriptions the
    /// same words are mostly nouns ("Get a report"), so documents do not use these.
    /// </summary>
    public static string? QueryIntentOf(string word) => QueryIntentByWord.GetValueOrDefault(word);

    private static readonly Dictionary<string, string> QueryIntentByWord = DomainVocabulary.QueryIntentWords
        .SelectMany(entry => entry.Words.Split(' ').Select(word => (word, entry.Intent)))
        .ToDictionary(pair => pair.word, pair => pair.Intent, StringComparer.Ordinal);

    /// <summary>Words that mean the same in this domain (stemmed).</summary>
    public static IReadOnlyList<string> Synonyms(string stem) =>
        SynonymsByStem.TryGetValue(stem, out var list) ? list : [];

    /// <summary>Words that usually come with it (friday -> calendar, date), weaker than synonyms (stemmed).</summary>
    public static IReadOnlyList<string> Related(string stem) =>
        RelatedByStem.TryGetValue(stem, out var list) ? list : [];

    /// <summary>Multi-word expressions ("get rid of", "out of office") and what they stand for.</summary>
    public static IReadOnlyList<(string[] Words, string[] MeaningWords, string? Intent)> Phrases { get; } =
        DomainVocabulary.Phrases
            .Select(p => (p.Phrase.Split(' '), p.Meaning.Split(' ', StringSplitOptions.RemoveEmptyEntries), p.Intent))
            .ToList();

    /// <summary>A written form of a stem the lexicon produced (for full-text queries, which stem on their own).</summary>
    public static string SurfaceOf(string stem) => Surface.GetValueOrDefault(stem, stem);

    public static bool Knows(string stem) => SynonymsByStem.ContainsKey(stem) || IntentByStem.ContainsKey(stem);

    private static Dictionary<string, string> BuildIntents()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (intent, words) in DomainVocabulary.IntentWords)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map.TryAdd(PorterStemmer.Stem(word), intent);
            }
        }

        return map;
    }

    private static Dictionary<string, List<string>> BuildSynonyms(string[] groups)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var parts = group.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // "a b c > x y": a, b and c each lead to x and y (one way); without '>' every word leads to the others.
            var arrow = Array.IndexOf(parts, ">");
            var from = arrow < 0 ? parts : parts[..arrow];
            var to = arrow < 0 ? parts : parts[(arrow + 1)..];
            foreach (var word in parts.Where(w => w != ">"))
            {
                Surface.TryAdd(PorterStemmer.Stem(word), word);
            }

            foreach (var source in from.Select(PorterStemmer.Stem))
            {
                if (!map.TryGetValue(source, out var list))
                {
                    map[source] = list = [];
                }

                foreach (var target in to.Select(PorterStemmer.Stem))
                {
                    if (target != source && !list.Contains(target))
                    {
                        list.Add(target);
                    }
                }
            }
        }

        return map;
    }
}
