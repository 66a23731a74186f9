namespace Coworker.Embeddings;

/// <summary>
/// The words of a query for full-text search: its content words (no stop words), and, when expanded, what the
/// domain lexicon says they mean ("meetings" also searches "event", "appointment"; "get rid of" searches "delete").
/// PostgreSQL stems them itself.
/// </summary>
public static class QueryTerms
{
    public static IReadOnlyList<string> Of(string query, bool expand)
    {
        var terms = new List<string>();
        var words = Tokenizer.Split(query);
        foreach (var raw in words)
        {
            var word = DomainLexicon.BaseForm(raw);
            if (StopWords.Contains(raw) || StopWords.Contains(word))
            {
                continue;
            }

            Add(terms, raw);
            if (expand)
            {
                Add(terms, word);
                foreach (var synonym in DomainLexicon.Synonyms(PorterStemmer.Stem(word)))
                {
                    Add(terms, DomainLexicon.SurfaceOf(synonym));
                }
            }
        }

        if (expand)
        {
            var padded = " " + string.Join(' ', words) + " ";
            foreach (var (phrase, meaning, _) in DomainLexicon.Phrases)
            {
                if (padded.Contains(" " + string.Join(' ', phrase) + " ", StringComparison.Ordinal))
                {
                    foreach (var word in meaning)
                    {
                        Add(terms, word);
                    }
                }
            }
        }

        return terms;
    }

    private static void Add(List<string> terms, string term)
    {
        if (term.Length > 0 && !terms.Contains(term))
        {
            terms.Add(term);
        }
    }
}
