using System.Globalization;

namespace Coworker.Embeddings;

/// <summary>Readers for WordNet's database files (format: wndb(5WN)).</summary>
internal static class WordNetFiles
{
    /// <summary>data.POS: synset byte offset -> its single-word lemmas.</summary>
    public static Dictionary<long, string[]> ReadSynsets(string path)
    {
        var synsets = new Dictionary<long, string[]>();
        foreach (var line in File.ReadLines(path))
        {
            // Licence lines start with two spaces; synset lines: offset lex_filenum ss_type w_cnt(hex) word lex_id ...
            if (line.Length == 0 || line[0] == ' ')
            {
                continue;
            }

            var fields = line.Split(' ');
            var offset = long.Parse(fields[0], CultureInfo.InvariantCulture);
            var count = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var words = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                var word = fields[4 + (2 * i)];
                var marker = word.IndexOf('(', StringComparison.Ordinal); // adjective position markers: "long(a)"
                if (marker > 0)
                {
                    word = word[..marker];
                }

                word = word.ToLowerInvariant();
                if (word.All(char.IsAsciiLetterLower))
                {
                    words.Add(word);
                }
            }

            synsets[offset] = [.. words.Distinct(StringComparer.Ordinal)];
        }

        return synsets;
    }

    /// <summary>
    /// index.POS: for each single-word lemma, the other lemmas of its first <paramref name="senses"/> synsets,
    /// weighted 1, 1/2, ... by sense rank; a lemma with no tagged senses (rare word) counts only its first at 1/2.
    /// </summary>
    public static void CollectSynonyms(
        string path, Dictionary<long, string[]> synsets, int senses, Dictionary<string, Dictionary<string, float>> into)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == ' ')
            {
                continue;
            }

            // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var lemma = fields[0];
            if (!lemma.All(char.IsAsciiLetterLower))
            {
                continue;
            }

            var synsetCount = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var pointerCount = int.Parse(fields[3], CultureInfo.InvariantCulture);
            var tagged = int.Parse(fields[5 + pointerCount], CultureInfo.InvariantCulture);
            var first = 6 + pointerCount;
            var take = tagged == 0 ? 1 : Math.Min(senses, synsetCount);
            if (!into.TryGetValue(lemma, out var synonyms))
            {
                into[lemma] = synonyms = new Dictionary<string, float>(StringComparer.Ordinal);
            }

            for (var sense = 0; sense < take && first + sense < fields.Length; sense++)
            {
                var weight = tagged == 0 ? 0.5f : 1f / (sense + 1);
                var offset = long.Parse(fields[first + sense], CultureInfo.InvariantCulture);
                if (!synsets.TryGetValue(offset, out var words))
                {
                    continue;
                }

                foreach (var word in words)
                {
                    if (word != lemma && (!synonyms.TryGetValue(word, out var existing) || existing < weight))
                    {
                        synonyms[word] = weight;
                    }
                }
            }
        }
    }

    /// <summary>*.exc: inflected form -> base form (wrote -> write, mice -> mouse).</summary>
    public static Dictionary<string, string> ReadExceptions(string directory)
    {
        var exceptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pos in new[] { "verb", "noun", "adj" })
        {
            var path = Path.Combine(directory, pos + ".exc");
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2)
                {
                    exceptions.TryAdd(parts[0], parts[1]);
                }
            }
        }

        return exceptions;
    }
}
