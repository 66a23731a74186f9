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

    public FeatureBag Query(string text)
    {
        var bag = new FeatureBag();
        var intents = new FeatureBag();
        Field(text, intents, 1.0f, pluralMeansList: true).AddNormalisedTo(bag, 1.0f);
        intents.AddNormalisedTo(bag, settings.IntentWeight);
        return bag;
    }

    private FeatureBag Field(string text, FeatureBag? intents, float intentWeight, bool pluralMeansList = false)
    {
        var bag = new FeatureBag();
        var words = Tokenizer.Split(text);
        if (words.Count > settings.MaxDescriptionWords)
        {
            words = words.GetRange(0, settings.MaxDescriptionWords);
        }

        foreach (var (phrase, meaning, intent) in DomainLexicon.Phrases)
        {
            if (ContainsSequence(words, phrase))
            {
                foreach (var word in meaning)
                {
                    bag.Add("w:" + PorterStemmer.Stem(word), settings.LexiconSynonymWeight);
                }

                if (intent is not null)
                {
                    intents?.Add("i:" + intent, intentWeight);
                }
            }
        }

        var stems = new List<string>(words.Count);
        foreach (var raw in words)
        {
            var word = DomainLexicon.BaseForm(raw);
            var stem = PorterStemmer.Stem(word);
            var intent = DomainLexicon.IntentOf(stem);
            if (intent is not null)
            {
                intents?.Add("i:" + intent, intentWeight);
            }
            else if (pluralMeansList && word == raw && raw.Length > 3 && raw.EndsWith('s') && !raw.EndsWith("ss", StringComparison.Ordinal)
                     && !StopWords.Contains(raw))
            {
                intents?.Add("i:" + Intent.List, intentWeight * 0.5f);
            }

            if (StopWords.Contains(raw) || StopWords.Contains(word))
            {
                continue;
            }

            stems.Add(stem);
            AddWord(bag, word, stem);
        }

        for (var i = 0; i + 1 < stems.Count; i++)
        {
            var (a, b) = string.CompareOrdinal(stems[i], stems[i + 1]) <= 0 ? (stems[i], stems[i + 1]) : (stems[i + 1], stems[i]);
            if (a != b)
            {
                bag.Add("b:" + a + "|" + b, settings.BigramWeight);
            }
        }

        return bag;
    }

    private void AddWord(FeatureBag bag, string word, string stem)
    {
        bag.Add("w:" + stem, 1);
        foreach (var synonym in DomainLexicon.Synonyms(stem))
        {
            bag.Add("w:" + synonym, settings.LexiconSynonymWeight);
        }

        foreach (var related in DomainLexicon.Related(stem))
        {
            bag.Add("w:" + related, settings.RelatedWeight);
        }

        // WordNet only for what the domain lexicon does not cover: its general-English senses of "get" or
        // "file" would pull in noise where the lexicon already knows the API meaning.
        if (!DomainLexicon.Knows(stem))
        {
            foreach (var (synonym, weight) in wordNet.Synonyms(word))
            {
                bag.Add("w:" + PorterStemmer.Stem(synonym), settings.WordNetWeight * weight);
            }
        }

        if (stem.Length >= 4 && !stem.Any(char.IsDigit))
        {
            var padded = "^" + stem + "$";
            var grams = padded.Length - 2;
            for (var i = 0; i < grams; i++)
            {
                bag.Add("c:" + padded.Substring(i, 3), settings.CharacterGramWeight / grams);
            }
        }
    }

    private static bool ContainsSequence(List<string> words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Length && match; j++)
            {
                match = words[i + j] == phrase[j];
            }

            if (match)
            {
                return true;
            }
        }

        return false;
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
