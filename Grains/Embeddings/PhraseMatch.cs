namespace Coworker.Embeddings;

/// <summary>Finds a multi-word expression in a request: as written, or with stop words between its words
/// ("propose my changes" matches "propose changes").</summary>
internal static class PhraseMatch
{
    /// <summary>Positions of the phrase's words in <paramref name="words"/>, or null when it is not there.</summary>
    public static List<int>? Find(List<string> words, string[] phrase)
    {
        for (var start = 0; start < words.Count; start++)
        {
            if (words[start] != phrase[0])
            {
                continue;
            }

            var positions = new List<int> { start };
            var next = start + 1;
            for (var j = 1; j < phrase.Length && positions.Count == j; j++)
            {
                // Exact continuation first; else skip over stop words only ("bring my coworker into" does not match).
                while (next < words.Count && words[next] != phrase[j] && StopWords.Contains(words[next]) && !StopWords.Contains(phrase[j]))
                {
                    next++;
                }

                if (next < words.Count && words[next] == phrase[j])
                {
                    positions.Add(next++);
                }
            }

            if (positions.Count == phrase.Length)
            {
                return positions;
            }
        }

        return null;
    }
}
