namespace Coworker.Embeddings;

/// <summary>
/// Turns a tool (fielded text, see <see cref="EmbeddingText"/>) or a query into weighted features: stemmed words,
/// unordered word pairs, character trigrams, synonyms (domain lexicon first, WordNet for the rest) and intents.
/// Features are named by kind: "w:" word, "b:" word pair, "c:" trigram, "i:" intent.
/// </summary>
internal sealed class TextFeaturizer(OfflineEmbeddingSettings settings, WordNetSynonyms wordNet)
{
    public FeatureBag Document(IReadOnlyDictionary<string, string> fields)
    {
        var bag = new FeatureBag();
        var intents = new FeatureBag();
        var name = fields.GetValueOrDefault(EmbeddingText.Name, "");
        var title = fields.GetValueOrDefault(EmbeddingText.Title, "");
        var (lead, rest) = SplitDescription(fields.GetValueOrDefault(EmbeddingText.Description, ""));
        var path = fields.GetValueOrDefault(EmbeddingText.Path, "");
        var method = fields.GetValueOrDefault(EmbeddingText.Method, "");

        Field(name, intents, 1.0f).AddNormalisedTo(bag, settings.NameWeight);
        Field(title, intents, 0.7f).AddNormalisedTo(bag, settings.TitleWeight);
        Field(lead, intents, 0.3f).AddNormalisedTo(bag, settings.DescriptionLeadWeight);
        Field(rest, null, 0).AddNormalisedTo(bag, settings.DescriptionRestWeight);
        var literalPath = string.Join(' ', HttpSemantics.Segments(path).Where(s => !HttpSemantics.IsParameter(s)));
        Field(literalPath, null, 0).AddNormalisedTo(bag, settings.PathWeight);
        Field(fields.GetValueOrDefault(EmbeddingText.Parameters, ""), null, 0).AddNormalisedTo(bag, settings.ParameterWeight);
        Field(fields.GetValueOrDefault(EmbeddingText.Tags, ""), null, 0).AddNormalisedTo(bag, settings.TagWeight);
        if (method.Length > 0)
        {
            foreach (var intent in HttpSemantics.Intents(method, path))
            {
                intents.Add("i:" + intent, 0.8f);
            }
        }

        intents.AddNormalisedTo(bag, settings.IntentWeight);
        return bag;
    }

    /// <param name="wordWeight">Weight of a query word by its stem (e.g. inverse document frequency in the tenant's
    /// tools, at most 1), so that "draft" outweighs "message" in a mailbox full of messages.</param>
    public FeatureBag Query(string text, Func<string, float>? wordWeight = null)
    {
        var bag = new FeatureBag();
        var intents = new FeatureBag();
        Field(text, intents, 1.0f, isQuery: true, wordWeight).AddNormalisedTo(bag, 1.0f);
        foreach (var (intent, related, weight) in RelatedIntents)
        {
            // Finding things returns a list of them: "which animals are for sale" is served by GET /pet/findByStatus.
            if (intents.Features.TryGetValue("i:" + intent, out var value))
            {
                intents.Add("i:" + related, value * weight);
            }
        }

        intents.AddNormalisedTo(bag, settings.IntentWeight);
        return bag;
    }

    private FeatureBag Field(
        string text, FeatureBag? intents, float intentWeight, bool isQuery = false, Func<string, float>? wordWeight = null)
    {
        var bag = new FeatureBag();
        var words = Tokenizer.Split(text);
        if (words.Count > settings.MaxDescriptionWords)
        {
            words = words.GetRange(0, settings.MaxDescriptionWords);
        }

        var consumed = new HashSet<int>();
        if (isQuery)
        {
            AddPhrases(bag, intents, intentWeight, words, consumed);
        }

        var stems = new List<(string Stem, float Weight)>(words.Count);
        var compounds = new List<string>(words.Count);
        var negated = false;
        var plural = false;
        for (var position = 0; position < words.Count; position++)
        {
            var raw = words[position];
            if (consumed.Contains(position))
            {
                // Already stood for by its phrase ("sign in" -> login): the parts would only add noise.
                continue;
            }

            var word = DomainLexicon.BaseForm(raw);
            var stem = PorterStemmer.Stem(word);
            if (isQuery && Negations.Contains(raw))
            {
                // "keep it as a draft without sending it": what follows a negation is not what is wanted.
                negated = true;
                continue;
            }

            var intent = DomainLexicon.IntentOf(stem) ?? (isQuery ? DomainLexicon.QueryIntentOf(raw) : null);
            // In a request, a verb in the past describes the object, not the action: "the draft I wrote",
            // "a message I already posted".
            var describes = isQuery && (word != raw || (raw.EndsWith("ed", StringComparison.Ordinal) && raw.Length > 4));
            if (intent is not null && !negated && !describes)
            {
                intents?.Add("i:" + intent, intentWeight);
            }
            else if (isQuery && !negated && word == raw && raw.Length > 3 && raw.EndsWith('s') && !raw.EndsWith("ss", StringComparison.Ordinal)
                     && !StopWords.Contains(raw))
            {
                plural = true;
            }

            if (StopWords.Contains(raw) || StopWords.Contains(word) || raw.All(char.IsDigit))
            {
                continue;
            }

            var weight = (wordWeight?.Invoke(stem) ?? 1f) * (negated ? 0.3f : 1f);
            negated = false;
            stems.Add((stem, weight));
            compounds.Add(word);
            bag.Add("w:" + stem, weight);
            if (isQuery)
            {
                // Synonyms expand the query only: the tool's own words stay as written, so the documents keep their
                // meaning sharp and one synonym list serves every embedded tool without re-embedding them.
                AddSynonyms(bag, word, stem, weight);
            }

            AddCharacterGrams(bag, stem, weight);
        }

        if (plural && intents is { Count: 0 })
        {
            // A plural object and no verb ("what meetings have I got") asks for a list.
            intents.Add("i:" + Intent.List, intentWeight * 0.5f);
        }

        for (var i = 0; i + 1 < stems.Count; i++)
        {
            var (first, second) = (stems[i].Stem, stems[i + 1].Stem);
            var (a, b) = string.CompareOrdinal(first, second) <= 0 ? (first, second) : (second, first);
            if (a != b)
            {
                bag.Add("b:" + a + "|" + b, settings.BigramWeight * (stems[i].Weight + stems[i + 1].Weight) / 2);
            }

            // Compounds written apart or together meet: "re-run" ~ "rerun", "sign up" ~ "signup", "calendar list" ~ "calendarlist".
            bag.Add("w:" + PorterStemmer.Stem(compounds[i] + compounds[i + 1]), settings.CompoundWeight * Math.Min(stems[i].Weight, stems[i + 1].Weight));
        }

        return bag;
    }

    private static readonly (string Intent, string Related, float Weight)[] RelatedIntents =
    [
        (Intent.List, Intent.Search, 0.6f), (Intent.Search, Intent.List, 0.6f), (Intent.Get, Intent.List, 0.3f),
        (Intent.Send, Intent.Create, 0.3f),
    ];

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "without", "not", "never", "dont", "instead", "except" };

    private void AddPhrases(FeatureBag bag, FeatureBag? intents, float intentWeight, List<string> words, HashSet<int> consumed)
    {
        foreach (var (phrase, meaning, intent) in DomainLexicon.Phrases)
        {
            var at = PhraseMatch.Find(words, phrase);
            if (at is null)
            {
                continue;
            }

            consumed.UnionWith(at);
            foreach (var word in meaning)
            {
                bag.Add("w:" + PorterStemmer.Stem(word), 1f);
            }

            if (intent is not null)
            {
                intents?.Add("i:" + intent, intentWeight);
            }
        }
    }

    private void AddSynonyms(FeatureBag bag, string word, string stem, float scale)
    {
        foreach (var synonym in DomainLexicon.Synonyms(stem))
        {
            bag.Add("w:" + synonym, scale * settings.LexiconSynonymWeight);
        }

        foreach (var related in DomainLexicon.Related(stem))
        {
            bag.Add("w:" + related, scale * settings.RelatedWeight);
        }

        // WordNet only for what the domain lexicon does not cover: its general-English senses of "get" or
        // "file" would pull in noise where the lexicon already knows the API meaning.
        if (!DomainLexicon.Knows(stem))
        {
            foreach (var (synonym, weight) in wordNet.Synonyms(word))
            {
                bag.Add("w:" + PorterStemmer.Stem(synonym), scale * settings.WordNetWeight * weight);
            }
        }
    }

    private void AddCharacterGrams(FeatureBag bag, string stem, float scale)
    {
        if (stem.Length >= 4 && !stem.Any(char.IsDigit))
        {
            var padded = "^" + stem + "$";
            var grams = padded.Length - 2;
            for (var i = 0; i < grams; i++)
            {
                bag.Add("c:" + padded.Substring(i, 3), scale * settings.CharacterGramWeight / grams);
            }
        }
    }

    // The first sentence usually says what the operation does; the rest qualifies it.
    private static (string Lead, string Remainder) SplitDescription(string description)
    {
        var text = description.Trim();
        var end = text.IndexOfAny(['.', '\n']);
        while (end > 0 && end + 1 < text.Length && text[end] == '.' && !char.IsWhiteSpace(text[end + 1]))
        {
            end = text.IndexOfAny(['.', '\n'], end + 1);
        }

        return end < 0 ? (text, "") : (text[..end], text[(end + 1)..]);
    }
}
